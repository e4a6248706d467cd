using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Backoffice.Api.Auth;

/// <summary>
/// Outside Development the API accepts only Entra ID tokens, validated against the <c>AzureAd</c> section. Without it every
/// request once answered 500 (Microsoft.Identity.Web failing per request); now start-up refuses, naming what is missing.
/// </summary>
public static class AzureAdSettings
{
    public static readonly IReadOnlyList<string> Required = ["AzureAd:Instance", "AzureAd:TenantId", "AzureAd:ClientId"];

    public static void EnsureComplete(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var missing = Required.Where(key => string.IsNullOrWhiteSpace(configuration[key])).ToArray();
        if (missing.Length > 0)
        {
            throw new InvalidOperationException(
                $"The {environment.EnvironmentName} environment signs people in with Entra ID, but the configuration lacks {string.Join(", ", missing)} " +
                "(environment variables AzureAd__Instance, AzureAd__TenantId, AzureAd__ClientId; see docs/deployment.md). " +
                "For the development sign-in, run with ASPNETCORE_ENVIRONMENT=Development.");
        }
    }
}
