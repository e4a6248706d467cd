using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Backoffice.Web.Api;

namespace Backoffice.Web.Session;

/// <summary>
/// Who is signed in. Locally (Development) a role and merchant are picked and <c>POST /api/dev/token</c> issues a bearer
/// token. In Azure the Static Web App signs the person in with Entra ID, gives the session the roles the API's
/// <c>rolesSource</c> answered (<c>POST /api/auth/roles</c>), and <c>/.auth/me</c> tells us those roles. The browser holds
/// no token then: API calls are same-origin and carry SWA's session cookie, and SWA forwards the person to the linked
/// API as <c>x-ms-client-principal</c>, which the API trusts only there (api/Auth/StaticWebAppsAuthentication.cs).
/// </summary>
internal sealed class UserSession(ISessionStore store, HttpClient http, TimeProvider clock)
{
    private const string MerchantRolePrefix = "merchant-";

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
            using var response = await http.PostAsJsonAsync("api/dev/token", new { }, WireJson.Options);
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
            response = await http.PostAsJsonAsync("api/dev/token", new { role, merchantId = role == Roles.Merchant ? merchantId : null }, WireJson.Options);
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

            var token = await response.Content.ReadFromJsonAsync<DevToken>(WireJson.Options);
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

    /// <summary>
    /// The API said 401: a development token expired or was issued by a host that has since restarted, or the Static Web
    /// Apps session ended (or carries no back-office role). Either way the person must sign in again.
    /// </summary>
    public async Task ExpireAsync()
    {
        if (User is not null)
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

            var me = await response.Content.ReadFromJsonAsync<StaticWebAppsMe>(WireJson.Options);
            return me?.ClientPrincipal is { } p ? FromStaticWebApps(p) : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>
    /// SWA roles as the API's rolesSource assigns them (api/Auth/StaticWebAppsRoles.cs): one staff role (operator,
    /// warehouse, ...), or <c>merchant</c> plus exactly one <c>merchant-{id}</c>. The API reads the same roles with the same
    /// rule, so the console never shows what the API would refuse: the merchant role wins over any staff role, and a
    /// merchant without exactly one merchant id is not signed in.
    /// </summary>
    internal static SignedInUser? FromStaticWebApps(ClientPrincipal principal)
    {
        var roles = principal.UserRoles ?? [];
        bool Has(string role) => roles.Contains(role, StringComparer.OrdinalIgnoreCase);
        if (Has(Roles.Merchant))
        {
            var merchants = roles.Where(r => r.StartsWith(MerchantRolePrefix, StringComparison.OrdinalIgnoreCase) && r.Length > MerchantRolePrefix.Length)
                .Select(r => r[MerchantRolePrefix.Length..]).Distinct(StringComparer.Ordinal).ToArray();
            return merchants is [var merchant]
                ? new SignedInUser(Roles.Merchant, merchant, principal.UserDetails ?? Roles.Title(Roles.Merchant), SignInKind.StaticWebApps, null, null)
                : null;
        }

        var role = Roles.All.FirstOrDefault(Has);
        return role is null ? null : new SignedInUser(role, null, principal.UserDetails ?? Roles.Title(role), SignInKind.StaticWebApps, null, null);
    }

    private sealed record DevToken(string AccessToken, string Role, string? MerchantId, DateTimeOffset ExpiresAt);

    private sealed record StaticWebAppsMe(ClientPrincipal? ClientPrincipal);
}

/// <summary>The part of Static Web Apps' client principal the console reads.</summary>
public sealed record ClientPrincipal(string? IdentityProvider, string? UserId, string? UserDetails, IReadOnlyList<string>? UserRoles);
