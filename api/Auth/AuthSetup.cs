using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Identity.Web;

namespace Backoffice.Api.Auth;

public static class AuthSetup
{
    public const string ApiAuthorizationHeader = "X-Api-Authorization";

    /// <summary>
    /// Development: bearer tokens from <see cref="DevTokenIssuer"/>. Elsewhere: Entra ID through Microsoft.Identity.Web
    /// (configuration section <c>AzureAd</c>), app roles in the <c>roles</c> claim. Only with
    /// <c>Auth:StaticWebApps:Enabled</c> (set by bicep on the Function App linked to the Static Web App, never by the local
    /// host): also the person Static Web Apps forwards in <c>x-ms-client-principal</c>; see <see cref="StaticWebAppsAuthentication"/>.
    /// </summary>
    public static IServiceCollection AddBackofficeAuth(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var staticWebApps = StaticWebAppsAuthentication.IsEnabled(configuration);
        var authentication = services.AddAuthentication(staticWebApps ? StaticWebAppsAuthentication.SelectorScheme : JwtBearerDefaults.AuthenticationScheme);
        if (environment.IsDevelopment())
        {
            var configured = configuration["Auth:DevSigningKey"];
            var issuer = new DevTokenIssuer(TimeProvider.System, string.IsNullOrEmpty(configured) ? null : Convert.FromBase64String(configured));
            services.AddSingleton(issuer);
            authentication.AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = issuer.ValidationParameters();
            });
        }
        else
        {
            AzureAdSettings.EnsureComplete(configuration, environment);
            authentication.AddMicrosoftIdentityWebApi(
                jwt =>
                {
                    configuration.Bind("AzureAd", jwt);
                    jwt.MapInboundClaims = false;
                    jwt.TokenValidationParameters.RoleClaimType = Tenancy.RoleClaim;
                },
                identity => configuration.Bind("AzureAd", identity));
        }

        if (staticWebApps)
        {
            StaticWebAppsAuthentication.EnsurePlatformGuard(configuration);
            authentication.AddStaticWebApps(OwnAudiences(configuration));
        }

        // Static Web Apps replaces Authorization on calls it forwards to a linked backend, so the console also sends
        // the token as X-Api-Authorization; both hosts accept either.
        services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
        {
            var inner = options.Events ?? new JwtBearerEvents();
            var previous = inner.OnMessageReceived;
            inner.OnMessageReceived = async context =>
            {
                await previous(context).ConfigureAwait(false);
                if (context.Token is null && context.Request.Headers.TryGetValue(ApiAuthorizationHeader, out var value)
                    && value.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                {
                    context.Token = header["Bearer ".Length..].Trim();
                }
            };

            // Dev issuer and Entra ID both end here: the merchant role is exclusive and names one merchant (PrincipalRules).
            var validated = inner.OnTokenValidated;
            inner.OnTokenValidated = async context =>
            {
                await validated(context).ConfigureAwait(false);
                if (context.Result is not null || context.Principal is null)
                {
                    return;
                }

                var (principal, failure) = PrincipalRules.Normalise(context.Principal);
                if (principal is null)
                {
                    context.Fail(failure!);
                }
                else
                {
                    context.Principal = principal;
                }
            };
            options.Events = inner;
        });

        services.AddAuthorization(Policies.Register);
        return services;
    }

    /// <summary>The audiences a bearer token addressed to this API carries (Entra ID app registration, the dev issuer).</summary>
    private static string[] OwnAudiences(IConfiguration configuration)
    {
        var clientId = configuration["AzureAd:ClientId"];
        return new[] { DevTokenIssuer.Audience, configuration["AzureAd:Audience"], clientId, string.IsNullOrEmpty(clientId) ? null : $"api://{clientId}" }
            .Where(a => !string.IsNullOrEmpty(a)).Select(a => a!).ToArray();
    }
}
