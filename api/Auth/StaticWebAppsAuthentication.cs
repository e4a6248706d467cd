using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Backoffice.Api.Auth;

/// <summary>
/// Trusting the person Static Web Apps signed in. The console in Azure holds no token: Static Web Apps signs people in
/// with Entra ID, keeps the session in its own cookie, and forwards each <c>/api</c> call to the linked Function App with
/// <c>x-ms-client-principal</c> and its own proxy token (<c>x-ms-auth-token</c>, also put in <c>Authorization</c>). Anyone
/// can type that header, so it is trusted only where something only Static Web Apps can produce stands behind it
/// (docs/deployment.md, "Trust chain"):
/// <list type="number">
/// <item>the setting <see cref="EnabledSetting"/>, which only bicep sets, on the linked Function App;</item>
/// <item>App Service authentication on that Function App (<see cref="PlatformAuthenticationSetting"/>, which the platform
/// sets when bicep's <c>authsettingsV2</c> is on): it validates the proxy token with the "Azure Static Web Apps (Linked)"
/// provider and does not let outside requests set <c>x-ms-client-principal*</c> headers. Without it the app refuses to
/// start with the setting on;</item>
/// <item>per request, the header is read only when the request carries the proxy token and no bearer token of ours: a
/// caller's own token (<c>X-Api-Authorization</c>, or an <c>Authorization</c> token addressed to this API, or one we
/// cannot read) decides alone, so an invalid bearer is a 401 and never falls back to the header.</item>
/// </list>
/// Bearer tokens keep working next to it for storefronts and other callers that do not come through SWA.
/// </summary>
public static class StaticWebAppsAuthentication
{
    public const string Scheme = "StaticWebApps";

    /// <summary>Picks the header scheme for a request Static Web Apps proxied, the bearer scheme otherwise.</summary>
    public const string SelectorScheme = "StaticWebAppsOrBearer";

    public const string EnabledSetting = "Auth:StaticWebApps:Enabled";

    /// <summary>Set by App Service itself ("True") when App Service authentication (EasyAuth) is on for the app.</summary>
    public const string PlatformAuthenticationSetting = "WEBSITE_AUTH_ENABLED";

    /// <summary>The token Static Web Apps adds to every call it proxies to a linked backend.</summary>
    public const string ProxyTokenHeader = "x-ms-auth-token";

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue(EnabledSetting, false);

    /// <summary>Refuses to trust the header on an app the platform does not guard (fails start-up with the reason).</summary>
    public static void EnsurePlatformGuard(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (IsEnabled(configuration) && !configuration.GetValue(PlatformAuthenticationSetting, false))
        {
            throw new InvalidOperationException(
                $"{EnabledSetting} is on, but App Service authentication is not ({PlatformAuthenticationSetting} is not True). Without it anyone " +
                "could forge x-ms-client-principal. Deploy with bicep (authsettingsV2 with the linked Static Web App provider) or turn the setting off.");
        }
    }

    /// <summary>Adds the header scheme and the selector that makes it the default when <see cref="IsEnabled"/>.</summary>
    public static AuthenticationBuilder AddStaticWebApps(this AuthenticationBuilder builder, IReadOnlyCollection<string> ownAudiences)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddScheme<AuthenticationSchemeOptions, StaticWebAppsAuthenticationHandler>(Scheme, displayName: "Static Web Apps client principal", _ => { });
        builder.AddPolicyScheme(SelectorScheme, displayName: null, o => o.ForwardDefaultSelector = context => Choose(context.Request, ownAudiences));
        return builder;
    }

    /// <summary>The scheme that decides a request: the header's only for a proxied request that carries no bearer token of ours.</summary>
    public static string Choose(HttpRequest request, IReadOnlyCollection<string> ownAudiences)
    {
        ArgumentNullException.ThrowIfNull(request);
        var headers = request.Headers;
        if (!headers.ContainsKey(StaticWebAppsPrincipal.Header)
            || headers.ContainsKey(AuthSetup.ApiAuthorizationHeader)
            || string.IsNullOrEmpty(headers[ProxyTokenHeader].ToString()))
        {
            return JwtBearerDefaults.AuthenticationScheme;
        }

        var authorization = headers.Authorization.ToString();
        if (authorization.Length == 0)
        {
            return Scheme;
        }

        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && IsAddressedElsewhere(authorization["Bearer ".Length..].Trim(), ownAudiences)
            ? Scheme
            : JwtBearerDefaults.AuthenticationScheme;
    }

    /// <summary>
    /// True for a readable JWT whose audiences are all someone else's: the proxy token Static Web Apps puts in Authorization
    /// is addressed to the Function App's own URL. Its signature is the platform's to check (SWA publishes no keys).
    /// </summary>
    private static bool IsAddressedElsewhere(string token, IReadOnlyCollection<string> ownAudiences)
    {
        var handler = new JsonWebTokenHandler();
        if (!handler.CanReadToken(token))
        {
            return false;
        }

        try
        {
            var audiences = handler.ReadJsonWebToken(token).Audiences.ToArray();
            return audiences.Length > 0 && !audiences.Any(a => ownAudiences.Contains(a, StringComparer.OrdinalIgnoreCase));
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

/// <summary>Authenticates a request by its <c>x-ms-client-principal</c> header; a malformed or role-less one is a 401.</summary>
internal sealed class StaticWebAppsAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(StaticWebAppsPrincipal.Header, out var values))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (values.Count != 1)
        {
            return Task.FromResult(AuthenticateResult.Fail("More than one client principal header."));
        }

        var (read, unreadable) = StaticWebAppsPrincipal.Read(values[0], Scheme.Name);
        var (principal, failure) = read is null ? (null, unreadable) : PrincipalRules.Normalise(read);

        return Task.FromResult(principal is null
            ? AuthenticateResult.Fail(failure ?? "No principal.")
            : AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
    }
}
