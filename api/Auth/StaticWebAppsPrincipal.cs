using System.Security.Claims;
using System.Text.Json;

namespace Backoffice.Api.Auth;

/// <summary>
/// The <c>x-ms-client-principal</c> header Static Web Apps adds to every request it forwards to its linked backend for a
/// signed-in person: base64 of JSON <c>{identityProvider, userId, userDetails, userRoles}</c>. Read into the same claims
/// a bearer token gives (<see cref="Tenancy.RoleClaim"/>, <see cref="Tenancy.MerchantClaim"/>), so every policy and the
/// merchant scope apply unchanged. Only <see cref="StaticWebAppsAuthentication"/> calls this, and only when enabled.
/// </summary>
public static class StaticWebAppsPrincipal
{
    public const string Header = "x-ms-client-principal";

    /// <summary>A real principal is a few hundred bytes; anything far larger is not from Static Web Apps.</summary>
    public const int MaxHeaderLength = 16 * 1024;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { MaxDepth = 8 };

    /// <summary>The header's JSON, as Static Web Apps documents it for API functions.</summary>
    public sealed record ClientPrincipal(string? IdentityProvider, string? UserId, string? UserDetails, IReadOnlyList<string?>? UserRoles);

    /// <summary>The principal, or why there is none (a reason for the log; the caller answers 401 either way).</summary>
    public static (ClaimsPrincipal? Principal, string? Failure) Read(string? header, string authenticationType)
    {
        if (string.IsNullOrWhiteSpace(header) || header.Length > MaxHeaderLength)
        {
            return (null, "The client principal header is empty or too long.");
        }

        var bytes = new byte[header.Length];
        if (!Convert.TryFromBase64String(header.Trim(), bytes, out var length))
        {
            return (null, "The client principal header is not base64.");
        }

        ClientPrincipal? client;
        try
        {
            client = JsonSerializer.Deserialize<ClientPrincipal>(bytes.AsSpan(0, length), Options);
        }
        catch (JsonException)
        {
            return (null, "The client principal header is not JSON of the expected shape.");
        }

        if (client is null || string.IsNullOrWhiteSpace(client.UserId))
        {
            return (null, "The client principal names no user.");
        }

        var grant = StaticWebAppsRoles.FromSessionRoles(client.UserRoles ?? []);
        if (grant.Roles.Count == 0)
        {
            return (null, "The client principal holds no back-office role.");
        }

        return (ToPrincipal(client, grant, authenticationType), null);
    }

    private static ClaimsPrincipal ToPrincipal(ClientPrincipal client, StaticWebAppsRoles.Grant grant, string authenticationType)
    {
        var claims = new List<Claim>
        {
            new("sub", client.UserId!),
            new("name", string.IsNullOrWhiteSpace(client.UserDetails) ? client.UserId! : client.UserDetails),
            new("idp", client.IdentityProvider ?? "unknown"),
        };
        claims.AddRange(grant.Roles.Select(role => new Claim(Tenancy.RoleClaim, role)));
        if (grant.MerchantId is { } merchant)
        {
            claims.Add(new Claim(Tenancy.MerchantClaim, merchant));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, "name", Tenancy.RoleClaim));
    }
}
