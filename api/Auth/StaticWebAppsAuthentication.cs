using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Backoffice.Api.Auth;

/// <summary>
/// Trusting the person Static Web Apps signed in. The console in Azure holds no token: Static Web Apps signs people in
/// with Entra ID, keeps the session in its own cookie, and forwards each <c>/api</c> call to the linked Function App with
/// <c>x-ms-client-principal</c>. That header is only as trustworthy as the path it came by: it is safe because a linked
/// backend accepts only traffic proxied by its Static Web App (linking puts the Function App behind the "Azure Static
/// Web Apps (Linked)" identity provider, which refuses direct calls and overwrites such headers), so nobody else can
/// set it. Anywhere a client can reach the API directly — the local host, a test, a Function App that is not linked —
/// anyone could forge it, so the scheme is OFF unless <see cref="EnabledSetting"/> is true, which only bicep sets, on
/// the linked Function App. Bearer tokens keep working next to it for callers that do not come through SWA.
/// </summary>
public static class StaticWebAppsAuthentication
{
    public const string Scheme = "StaticWebApps";

    /// <summary>Picks the header scheme when the header is present, the bearer scheme otherwise.</summary>
    public const string SelectorScheme = "StaticWebAppsOrBearer";

    public const string EnabledSetting = "Auth:StaticWebApps:Enabled";

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue(EnabledSetting, false);

    /// <summary>Adds the header scheme and the selector that makes it the default when <see cref="IsEnabled"/>.</summary>
    public static AuthenticationBuilder AddStaticWebApps(this AuthenticationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddScheme<AuthenticationSchemeOptions, StaticWebAppsAuthenticationHandler>(Scheme, displayName: "Static Web Apps client principal", _ => { });
        builder.AddPolicyScheme(SelectorScheme, displayName: null, o => o.ForwardDefaultSelector = context =>
            context.Request.Headers.ContainsKey(StaticWebAppsPrincipal.Header) ? Scheme : JwtBearerDefaults.AuthenticationScheme);
        return builder;
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
