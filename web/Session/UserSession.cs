using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Backoffice.Web.Api;

namespace Backoffice.Web.Session;

/// <summary>
/// Who is signed in. Locally (Development) a role and merchant are picked and <c>POST /api/dev/token</c> issues a bearer
/// token. In Azure the Static Web App signs the person in with Entra ID and <c>/.auth/me</c> tells us their roles; the
/// API call then carries SWA's session, not a token of ours.
/// </summary>
internal sealed class UserSession(ISessionStore store, HttpClient http, TimeProvider clock)
{
    private bool _loaded;
    private bool? _developmentSignIn;

    public event Action? Changed;

    public SignedInUser? User { get; private set; }

    public bool IsSignedIn => User is not null && !User.IsExpired(clock.GetUtcNow());

    public async Task EnsureLoadedAsync()
    {
        if (_loaded)
        {
            return;
        }

        _loaded = true;
        var stored = await store.LoadAsync();
        if (stored is not null && !stored.IsExpired(clock.GetUtcNow()))
        {
            User = stored;
            return;
        }

        User = await StaticWebAppsUserAsync();
    }

    /// <summary>
    /// Whether this host issues development tokens (<c>POST /api/dev/token</c>, mapped only when the API runs in
    /// Development). The probe asks for a token without a role: the issuer answers 400 naming the missing field and issues
    /// nothing; anywhere else the route does not exist (404), or Static Web Apps wants a sign-in first.
    /// </summary>
    public async Task<bool> DevelopmentSignInAvailableAsync()
    {
        if (_developmentSignIn is { } known)
        {
            return known;
        }

        try
        {
            using var response = await http.PostAsJsonAsync("api/dev/token", new { }, ApiJson.Options);
            var available = response.StatusCode == HttpStatusCode.BadRequest
                && (await BackofficeClient.ReadProblemAsync(response)).Errors?.ContainsKey("role") == true;
            _developmentSignIn = available;
            return available;
        }
        catch (HttpRequestException)
        {
            // Nothing answered: not a host that signs people in for development. Ask again next time.
            return false;
        }
    }

    public async Task<Problem?> SignInForDevelopmentAsync(string role, string? merchantId)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync("api/dev/token", new { role, merchantId = role == Roles.Merchant ? merchantId : null }, ApiJson.Options);
        }
        catch (HttpRequestException ex)
        {
            return Problem.Network(ex.Message);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                return await BackofficeClient.ReadProblemAsync(response);
            }

            var token = await response.Content.ReadFromJsonAsync<DevToken>(ApiJson.Options);
            if (token is null)
            {
                return Problem.Unexpected((int)response.StatusCode, null);
            }

            var user = new SignedInUser(token.Role, token.MerchantId, Roles.Title(token.Role) + (token.MerchantId is null ? string.Empty : $" · {token.MerchantId}"),
                SignInKind.Development, token.AccessToken, token.ExpiresAt);
            await SetAsync(user);
            return null;
        }
    }

    public async Task SignOutAsync()
    {
        await SetAsync(null);
    }

    /// <summary>The API said 401: the token expired or was issued by a host that has since restarted.</summary>
    public async Task ExpireAsync()
    {
        if (User?.Kind == SignInKind.Development)
        {
            await SetAsync(null);
        }
    }

    private async Task SetAsync(SignedInUser? user)
    {
        User = user;
        _loaded = true;
        await store.SaveAsync(user);
        Changed?.Invoke();
    }

    /// <summary>Static Web Apps answers <c>/.auth/me</c> with the client principal; anywhere else that path is not JSON.</summary>
    private async Task<SignedInUser?> StaticWebAppsUserAsync()
    {
        try
        {
            using var response = await http.GetAsync(".auth/me");
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType != "application/json")
            {
                return null;
            }

            var me = await response.Content.ReadFromJsonAsync<StaticWebAppsMe>(ApiJson.Options);
            return me?.ClientPrincipal is { } p ? FromStaticWebApps(p) : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>
    /// SWA roles: one of ours (operator, warehouse, ...) and, for a merchant owner, "merchant-{id}" naming their merchant
    /// (assigned by invitation or by the roles function; see docs/console.md).
    /// </summary>
    internal static SignedInUser? FromStaticWebApps(ClientPrincipal principal)
    {
        var roles = principal.UserRoles ?? [];
        var role = Roles.All.FirstOrDefault(r => r != Roles.Merchant && roles.Contains(r, StringComparer.OrdinalIgnoreCase))
            ?? (roles.Contains(Roles.Merchant, StringComparer.OrdinalIgnoreCase) ? Roles.Merchant : null);
        if (role is null)
        {
            return null;
        }

        var merchant = role == Roles.Merchant
            ? roles.FirstOrDefault(r => r.StartsWith("merchant-", StringComparison.OrdinalIgnoreCase) && r.Length > "merchant-".Length)?["merchant-".Length..]
            : null;
        return role == Roles.Merchant && merchant is null
            ? null
            : new SignedInUser(role, merchant, principal.UserDetails ?? Roles.Title(role), SignInKind.StaticWebApps, null, null);
    }

    private sealed record DevToken(string AccessToken, string Role, string? MerchantId, DateTimeOffset ExpiresAt);

    private sealed record StaticWebAppsMe(ClientPrincipal? ClientPrincipal);
}

/// <summary>The part of Static Web Apps' client principal the console reads.</summary>
public sealed record ClientPrincipal(string? IdentityProvider, string? UserId, string? UserDetails, IReadOnlyList<string>? UserRoles);
