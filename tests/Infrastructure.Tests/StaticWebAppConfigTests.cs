using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit;

namespace Infrastructure.Tests;

/// <summary>
/// web/wwwroot/staticwebapp.config.json agrees with what bicep provisions and what the API serves, so the Azure sign-in
/// chain connects: Entra sign-in with the app settings bicep writes, roles from the API's rolesSource.
/// </summary>
public sealed partial class StaticWebAppConfigTests
{
    private static string ConfigPath => Path.Combine(RepoPaths.Root, "web", "wwwroot", "staticwebapp.config.json");

    private static JsonObject Config => JsonNode.Parse(File.ReadAllText(ConfigPath))!.AsObject();

    private static JsonObject Registration => Config["auth"]!["identityProviders"]!["azureActiveDirectory"]!["registration"]!.AsObject();

    [Fact]
    public void The_console_is_served_with_a_content_security_policy_it_can_run_under_and_the_other_browser_headers()
    {
        var headers = Config["globalHeaders"]!.AsObject();
        var policy = headers["Content-Security-Policy"]!.GetValue<string>();
        var directives = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d, StringComparer.Ordinal);

        // Blazor WebAssembly compiles .wasm (wasm-unsafe-eval); the build's import map is the one inline script, by hash.
        Assert.Equal("script-src 'self' 'wasm-unsafe-eval' '<IMPORTMAP_SHA256>'", directives["script-src"]);
        Assert.Equal("frame-ancestors 'none'", directives["frame-ancestors"]);
        Assert.Equal("default-src 'self'", directives["default-src"]);
        Assert.Equal("object-src 'none'", directives["object-src"]);
        Assert.Contains("'unsafe-inline'", directives["style-src"], StringComparison.Ordinal); // Fluent UI and Radzen set style attributes
        Assert.DoesNotContain("'unsafe-eval'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", headers["X-Content-Type-Options"]!.GetValue<string>());
        Assert.Equal("no-referrer", headers["Referrer-Policy"]!.GetValue<string>());

        // The publish step that swaps the placeholder for the hash exists (web/Backoffice.Web.csproj).
        var project = File.ReadAllText(Path.Combine(RepoPaths.Root, "web", "Backoffice.Web.csproj"));
        Assert.Contains("'<IMPORTMAP_SHA256>'", project, StringComparison.Ordinal);
        Assert.Contains("AfterTargets=\"Publish\"", project, StringComparison.Ordinal);

        // And it says what the local host says (api/Http/BrowserSecurityHeaders.cs), bar the hash the host computes per page.
        var local = File.ReadAllText(Path.Combine(RepoPaths.Root, "api", "Http", "BrowserSecurityHeaders.cs"));
        foreach (var directive in directives.Values.Select(d => d.Replace(" '<IMPORTMAP_SHA256>'", string.Empty, StringComparison.Ordinal)))
        {
            Assert.Contains(directive, local, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Roles_come_from_the_APIs_roles_source_endpoint()
    {
        var module = File.ReadAllText(Path.Combine(RepoPaths.Root, "api", "Auth", "StaticWebAppsRolesModule.cs"));

        // The API maps its modules under /api (api/BackofficeApi.cs).
        Assert.Equal("/api/auth/roles", Config["auth"]!["rolesSource"]!.GetValue<string>());
        Assert.Contains("public const string Route = \"/auth/roles\";", module, StringComparison.Ordinal);
        Assert.Contains("MapPost(Route", module, StringComparison.Ordinal);
    }

    [Fact]
    public void The_Entra_registration_reads_exactly_the_app_settings_bicep_writes()
    {
        var settings = ArmTemplate.OfType(CompiledTemplate.Fresh(), "Microsoft.Web/staticSites/config")
            .Single(c => c.Name.Contains("appsettings", StringComparison.Ordinal)).Properties!;

        Assert.Equal(InfrastructureRules.SwaClientIdSetting, Registration["clientIdSettingName"]!.GetValue<string>());
        Assert.Equal(InfrastructureRules.SwaClientSecretSetting, Registration["clientSecretSettingName"]!.GetValue<string>());
        Assert.True(settings.ContainsKey(InfrastructureRules.SwaClientIdSetting));
        Assert.True(settings.ContainsKey(InfrastructureRules.SwaClientSecretSetting));
    }

    [Fact]
    public void The_issuer_keeps_a_tenant_placeholder_that_the_publish_for_azd_replaces()
    {
        var issuer = Registration["openIdIssuer"]!.GetValue<string>();
        var csproj = File.ReadAllText(Path.Combine(RepoPaths.Root, "web", "Backoffice.Web.csproj"));
        var yaml = File.ReadAllText(RepoPaths.AzureYaml);

        Assert.Equal("https://login.microsoftonline.com/<TENANT_ID>/v2.0", issuer);
        Assert.DoesNotMatch(Guid(), File.ReadAllText(ConfigPath));
        Assert.Contains("Replace('&lt;TENANT_ID&gt;', '$(AZURE_AD_TENANT_ID)')", csproj, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Matches(yaml, @"run: dotnet publish -c Release -p:RequireEntraTenant=true").Count);
        Assert.True(InfrastructureRules.AzdOutputsPresent(CompiledTemplate.Fresh()).Count == 0);
    }

    [Fact]
    public void Only_Entra_ID_signs_people_in_and_the_API_needs_a_session()
    {
        var providers = Config["auth"]!["identityProviders"]!.AsObject();
        var routes = Config["routes"]!.AsArray().OfType<JsonObject>().ToArray();
        var api = routes.Single(r => r["route"]!.GetValue<string>() == "/api/*");

        Assert.Equal(["azureActiveDirectory"], providers.Select(p => p.Key));
        Assert.Equal(["authenticated"], api["allowedRoles"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")]
    private static partial Regex Guid();
}
