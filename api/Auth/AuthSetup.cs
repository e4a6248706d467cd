using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Identity.Web;

namespace Backoffice.Api.Auth;

public static class AuthSetup
{
    /// <summary>
    /// Development: bearer tokens from <see cref="DevTokenIssuer"/>. Elsewhere: Entra ID through Microsoft.Identity.Web
    /// (configuration section <c>AzureAd</c>), app roles in the <c>roles</c> claim.
    /// </summary>
    public static IServiceCollection AddBackofficeAuth(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        if (environment.IsDevelopment())
        {
            var configured = configuration["Auth:DevSigningKey"];
            var issuer = new DevTokenIssuer(TimeProvider.System, string.IsNullOrEmpty(configured) ? null : Convert.FromBase64String(configured));
            services.AddSingleton(issuer);
            services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
                .AddJwtBearer(o =>
                {
                    o.MapInboundClaims = false;
                    o.TokenValidationParameters = issuer.ValidationParameters();
                });
        }
        else
        {
            services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
                .AddMicrosoftIdentityWebApi(
                    jwt =>
                    {
                        configuration.Bind("AzureAd", jwt);
                        jwt.MapInboundClaims = false;
                        jwt.TokenValidationParameters.RoleClaimType = Tenancy.RoleClaim;
                    },
                    identity => configuration.Bind("AzureAd", identity));
        }

        services.AddAuthorization(Policies.Register);
        return services;
    }
}
