using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Infrastructure.Tests;

/// <summary>A built-in Azure role the Function App's identity must hold, and the kind of resource it is scoped to.</summary>
public sealed record RequiredRole(string Name, string DefinitionId, string ScopeType);

/// <summary>An app setting of a Function App as written in the template (value may be an ARM expression).</summary>
public sealed record AppSetting(string Name, string Value);

/// <summary>
/// The security and shape rules the compiled ARM JSON of bicep/main.bicep must satisfy. Each rule returns
/// its violations (empty = satisfied), so a test can both require it to hold on the real template and
/// show it catches a mutated copy.
/// </summary>
public static partial class InfrastructureRules
{
    public static readonly IReadOnlyList<RequiredRole> AppIdentityRoles =
    [
        new("Storage Blob Data Owner", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "Microsoft.Storage/storageAccounts"),
        new("Storage Queue Data Contributor", "974c5e8b-45b9-4653-ba55-5f855dd0fb88", "Microsoft.Storage/storageAccounts"),
        new("Storage Table Data Contributor", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "Microsoft.Storage/storageAccounts"),
        new("Azure Service Bus Data Sender", "69a216fc-b8fb-44d8-bc22-1f3c2552ae39", "Microsoft.ServiceBus/namespaces"),
        new("Azure Service Bus Data Receiver", "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0", "Microsoft.ServiceBus/namespaces"),
        new("Key Vault Secrets Officer", "b86a8fe4-44ce-4948-aee5-eccb2c155cd7", "Microsoft.KeyVault/vaults"),
        new("Monitoring Metrics Publisher", "3913510d-42f4-4e42-8a64-420c390055eb", "Microsoft.Insights/components"),
    ];

    /// <summary>Broad control-plane roles nobody in this template needs.</summary>
    public static readonly IReadOnlyDictionary<string, string> ForbiddenRoles = new Dictionary<string, string>
    {
        ["8e3af657-a8ff-443c-a75c-2fe8c4bcb635"] = "Owner",
        ["b24988ac-6180-42a0-ab88-20f7382dd24c"] = "Contributor",
        ["18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"] = "User Access Administrator",
        ["17d1049b-9a84-46fb-8f53-869881c3d3ab"] = "Storage Account Contributor",
    };

    public static readonly IReadOnlyList<string> RequiredIdentitySettings =
    [
        "AzureWebJobsStorage__credential",
        "AzureWebJobsStorage__clientId",
        "AzureWebJobsStorage__blobServiceUri",
        "AzureWebJobsStorage__queueServiceUri",
        "AzureWebJobsStorage__tableServiceUri",
        "ServiceBus__fullyQualifiedNamespace",
        "ServiceBus__credential",
        "ServiceBus__clientId",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
        "KeyVault__VaultUri",
        "AzureAd__Instance",
        "AzureAd__TenantId",
        "AzureAd__ClientId",
    ];

    /// <summary>Settings that mean a key-based connection (Azure Files content share needs an account key).</summary>
    public static readonly IReadOnlyList<string> ForbiddenSettings =
    [
        "AzureWebJobsStorage",
        "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING",
        "ServiceBus",
        "ServiceBusConnection",
        "APPINSIGHTS_INSTRUMENTATIONKEY",
    ];

    public static readonly IReadOnlyList<string> RequiredOutputs =
    [
        "AZURE_LOCATION",
        "AZURE_TENANT_ID",
        "AZURE_RESOURCE_GROUP",
        "SERVICE_API_NAME",
        "SERVICE_WEB_NAME",
        "AZURE_FUNCTION_APP_NAME",
        "AZURE_STORAGE_ACCOUNT_NAME",
        "SERVICE_BUS_NAMESPACE",
        "KEY_VAULT_URI",
        "STATIC_WEB_APP_URL",
        "AZURE_AD_TENANT_ID",
    ];

    /// <summary>
    /// The Static Web App app settings web/wwwroot/staticwebapp.config.json names (clientIdSettingName,
    /// clientSecretSettingName), and the Function App setting that makes the API trust x-ms-client-principal.
    /// </summary>
    public const string SwaClientIdSetting = "AZURE_CLIENT_ID";

    public const string SwaClientSecretSetting = "AZURE_CLIENT_SECRET";

    public const string TrustStaticWebAppsSetting = "Auth__StaticWebApps__Enabled";

    /// <summary>All rules by name.</summary>
    public static readonly IReadOnlyDictionary<string, Func<JsonObject, IReadOnlyList<string>>> All =
        new Dictionary<string, Func<JsonObject, IReadOnlyList<string>>>
        {
            [nameof(StorageIsLockedDown)] = StorageIsLockedDown,
            [nameof(NoKeysAnywhere)] = NoKeysAnywhere,
            [nameof(AppSettingsAreIdentityBased)] = AppSettingsAreIdentityBased,
            [nameof(FunctionAppIsFlexHttpsTls12)] = FunctionAppIsFlexHttpsTls12,
            [nameof(ServiceBusIsIdentityOnlyWithDedupedInbound)] = ServiceBusIsIdentityOnlyWithDedupedInbound,
            [nameof(IdentityHoldsEveryDataPlaneRole)] = IdentityHoldsEveryDataPlaneRole,
            [nameof(RoleAssignmentsAreLeastPrivilegeWithGuidNames)] = RoleAssignmentsAreLeastPrivilegeWithGuidNames,
            [nameof(MonitoringHasLocalAuthDisabled)] = MonitoringHasLocalAuthDisabled,
            [nameof(KeyVaultUsesRbacWithPurgeProtection)] = KeyVaultUsesRbacWithPurgeProtection,
            [nameof(StaticWebAppIsStandardWithLinkedBackend)] = StaticWebAppIsStandardWithLinkedBackend,
            [nameof(ConsoleSignInChainIsWired)] = ConsoleSignInChainIsWired,
            [nameof(ForwardedPrincipalIsPlatformGuarded)] = ForwardedPrincipalIsPlatformGuarded,
            [nameof(AzdServiceTagsPresent)] = AzdServiceTagsPresent,
            [nameof(AzdOutputsPresent)] = AzdOutputsPresent,
        };

    public static IReadOnlyList<string> StorageIsLockedDown(JsonObject root)
    {
        var problems = new List<string>();
        var accounts = ArmTemplate.OfType(root, "Microsoft.Storage/storageAccounts").ToList();
        if (accounts.Count == 0)
        {
            problems.Add("no storage account in the template");
        }

        foreach (var account in accounts)
        {
            // allowSharedKeyAccess defaults to true when absent: require an explicit false.
            RequireLiteral(problems, account, "properties.allowSharedKeyAccess", false);
            RequireLiteral(problems, account, "properties.allowBlobPublicAccess", false);
            RequireLiteral(problems, account, "properties.supportsHttpsTrafficOnly", true);
            if (ArmTemplate.AsString(account.At("properties.minimumTlsVersion")) != "TLS1_2")
            {
                problems.Add($"{account}: properties.minimumTlsVersion must be 'TLS1_2' (is {Show(account.At("properties.minimumTlsVersion"))})");
            }
        }

        var containers = ArmTemplate.OfType(root, "Microsoft.Storage/storageAccounts/blobServices/containers").ToList();
        foreach (var container in containers)
        {
            var access = ArmTemplate.AsString(container.At("properties.publicAccess"));
            if (access is not null && access != "None")
            {
                problems.Add($"{container}: publicAccess must be 'None' (is '{access}')");
            }
        }

        foreach (var required in new[] { "deploymentpackage", "reports" })
        {
            if (!containers.Any(c => c.Name.Contains($"'{required}'", StringComparison.Ordinal) || c.Name.EndsWith($"/{required}", StringComparison.Ordinal)))
            {
                problems.Add($"no blob container '{required}'");
            }
        }

        return problems;
    }

    /// <summary>No key is read or written anywhere: no list*() calls (listKeys, listConnectionStrings, listSecrets...), no key-bearing connection strings.</summary>
    public static IReadOnlyList<string> NoKeysAnywhere(JsonObject root)
    {
        var problems = new List<string>();
        foreach (var (path, text) in Strings(root, "$"))
        {
            if (text.Contains("AccountKey=", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{path}: contains 'AccountKey='");
            }

            if (text.Contains("SharedAccessKey", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{path}: contains 'SharedAccessKey'");
            }

            if (text.StartsWith('[') && ListFunction().Match(text) is { Success: true } call)
            {
                problems.Add($"{path}: calls {call.Value.TrimEnd('(')}() which reads keys or secrets");
            }
        }

        return problems;
    }

    public static IReadOnlyList<string> AppSettingsAreIdentityBased(JsonObject root)
    {
        var problems = new List<string>();
        var apps = FunctionApps(root).ToList();
        if (apps.Count == 0)
        {
            problems.Add("no Function App (Microsoft.Web/sites of kind functionapp) in the template");
        }

        foreach (var app in apps)
        {
            var settings = AppSettingsOf(app, problems);
            var byName = settings.GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.OrdinalIgnoreCase);

            foreach (var setting in settings)
            {
                if (setting.Value.Contains("AccountKey=", StringComparison.OrdinalIgnoreCase)
                    || setting.Value.Contains("SharedAccessKey", StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"{app}: app setting {setting.Name} carries a key");
                }
            }

            foreach (var name in RequiredIdentitySettings)
            {
                if (!byName.TryGetValue(name, out var value) || string.IsNullOrWhiteSpace(value))
                {
                    problems.Add($"{app}: app setting {name} is missing");
                }
            }

            foreach (var name in ForbiddenSettings)
            {
                if (byName.ContainsKey(name))
                {
                    problems.Add($"{app}: app setting {name} implies a key-based connection");
                }
            }

            foreach (var prefix in new[] { "AzureWebJobsStorage", "ServiceBus" })
            {
                if (byName.TryGetValue($"{prefix}__credential", out var credential) && credential != "managedidentity")
                {
                    problems.Add($"{app}: {prefix}__credential must be 'managedidentity' (is '{credential}')");
                }
            }

            if (byName.TryGetValue("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", out var aiAuth)
                && !(aiAuth.Contains("Authorization=AAD", StringComparison.Ordinal) && aiAuth.Contains("ClientId=", StringComparison.Ordinal)))
            {
                problems.Add($"{app}: APPLICATIONINSIGHTS_AUTHENTICATION_STRING must be 'ClientId=<identity>;Authorization=AAD'");
            }
        }

        return problems;
    }

    public static IReadOnlyList<string> FunctionAppIsFlexHttpsTls12(JsonObject root)
    {
        var problems = new List<string>();
        var apps = FunctionApps(root).ToList();
        if (apps.Count == 0)
        {
            problems.Add("no Function App in the template");
        }

        foreach (var app in apps)
        {
            RequireLiteral(problems, app, "properties.httpsOnly", true);
            var tls = ArmTemplate.AsString(app.At("properties.siteConfig.minTlsVersion"));
            if (tls is not ("1.2" or "1.3"))
            {
                problems.Add($"{app}: properties.siteConfig.minTlsVersion must be '1.2' (is {Show(app.At("properties.siteConfig.minTlsVersion"))})");
            }

            var identityType = ArmTemplate.AsString(app.At("identity.type")) ?? "";
            if (!identityType.Contains("UserAssigned", StringComparison.Ordinal))
            {
                problems.Add($"{app}: identity.type must include UserAssigned (is '{identityType}')");
            }

            if (ArmTemplate.AsString(app.At("properties.functionAppConfig.runtime.name")) != "dotnet-isolated"
                || ArmTemplate.AsString(ArmTemplate.Resolve(app.At("properties.functionAppConfig.runtime.version"), app.Scope)) != "10.0")
            {
                problems.Add($"{app}: functionAppConfig.runtime must be dotnet-isolated 10.0");
            }

            var storageAuth = ArmTemplate.AsString(app.At("properties.functionAppConfig.deployment.storage.authentication.type"));
            if (storageAuth is not ("UserAssignedIdentity" or "SystemAssignedIdentity"))
            {
                problems.Add($"{app}: the deployment storage must authenticate with a managed identity (is '{storageAuth}')");
            }

            var durable = (app.At("properties.functionAppConfig.scaleAndConcurrency.alwaysReady") as JsonArray ?? [])
                .OfType<JsonObject>()
                .FirstOrDefault(e => ArmTemplate.AsString(e["name"]) == "durable");
            if (durable is null)
            {
                problems.Add($"{app}: no always-ready instances for the 'durable' group");
            }
            else if (ArmTemplate.Resolve(durable["instanceCount"], app.Scope) is JsonValue count
                     && count.TryGetValue<int>(out var instances) && instances < 1)
            {
                problems.Add($"{app}: always-ready 'durable' instanceCount must be at least 1 (is {instances})");
            }
        }

        var plans = ArmTemplate.OfType(root, "Microsoft.Web/serverfarms").ToList();
        if (!plans.Any(p => ArmTemplate.AsString(p.At("sku.name")) == "FC1"
                            && ArmTemplate.AsString(p.At("sku.tier")) == "FlexConsumption"))
        {
            problems.Add("no Flex Consumption plan (sku FC1 / FlexConsumption)");
        }

        return problems;
    }

    public static IReadOnlyList<string> ServiceBusIsIdentityOnlyWithDedupedInbound(JsonObject root)
    {
        var problems = new List<string>();
        var namespaces = ArmTemplate.OfType(root, "Microsoft.ServiceBus/namespaces").ToList();
        if (namespaces.Count == 0)
        {
            problems.Add("no Service Bus namespace in the template");
        }

        foreach (var ns in namespaces)
        {
            RequireLiteral(problems, ns, "properties.disableLocalAuth", true);
            if (ArmTemplate.AsString(ns.At("sku.name")) is not ("Standard" or "Premium"))
            {
                problems.Add($"{ns}: sku must be Standard or Premium (topics)");
            }
        }

        foreach (var rule in ArmTemplate.Resources(root).Where(r => r.Type.EndsWith("/authorizationRules", StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add($"{rule}: SAS authorization rules are not allowed (local auth is disabled)");
        }

        // Nothing triggers on Service Bus (issue 16: webhook orders start their orchestration directly); a queue would be
        // an intake path nobody reads.
        foreach (var queue in ArmTemplate.OfType(root, "Microsoft.ServiceBus/namespaces/queues"))
        {
            problems.Add($"{queue}: no Service Bus queue is read by the app (outbound topics only)");
        }

        var topics = ArmTemplate.OfType(root, "Microsoft.ServiceBus/namespaces/topics").ToList();
        var subscriptions = ArmTemplate.OfType(root, "Microsoft.ServiceBus/namespaces/topics/subscriptions").ToList();
        foreach (var topic in new[] { "order-status", "finance-reports", "stock-changed" })
        {
            if (!topics.Any(t => t.Name.Contains($"'{topic}'", StringComparison.Ordinal)))
            {
                problems.Add($"no Service Bus topic '{topic}'");
            }
            else if (!subscriptions.Any(s => s.Name.Contains($"'{topic}'", StringComparison.Ordinal)))
            {
                problems.Add($"Service Bus topic '{topic}' has no subscription");
            }
        }

        return problems;
    }

    public static IReadOnlyList<string> IdentityHoldsEveryDataPlaneRole(JsonObject root)
    {
        var problems = new List<string>();
        var assignments = ArmTemplate.OfType(root, "Microsoft.Authorization/roleAssignments").ToList();
        foreach (var role in AppIdentityRoles)
        {
            var match = assignments.FirstOrDefault(a =>
                !a.IsConditional
                && RoleDefinitionOf(a).Contains(role.DefinitionId, StringComparison.OrdinalIgnoreCase)
                && ArmTemplate.AsString(a.At("properties.principalType")) == "ServicePrincipal"
                && IsAppIdentity(a)
                && ArmTemplate.Expand(ArmTemplate.AsString(a.Node["scope"]), a.Scope).Contains(role.ScopeType, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                problems.Add($"no unconditional '{role.Name}' ({role.DefinitionId}) assignment to a service principal on a {role.ScopeType}");
            }
        }

        return problems;
    }

    public static IReadOnlyList<string> RoleAssignmentsAreLeastPrivilegeWithGuidNames(JsonObject root)
    {
        var problems = new List<string>();
        foreach (var assignment in ArmTemplate.OfType(root, "Microsoft.Authorization/roleAssignments"))
        {
            if (!assignment.Name.StartsWith("[guid(", StringComparison.Ordinal))
            {
                problems.Add($"{assignment}: the name must come from guid(...)");
            }

            var definition = RoleDefinitionOf(assignment);
            foreach (var (id, name) in ForbiddenRoles)
            {
                if (definition.Contains(id, StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"{assignment}: assigns the broad role '{name}'");
                }
            }

            if (assignment.At("properties.principalType") is null)
            {
                problems.Add($"{assignment}: principalType must be set (avoids replication-delay failures for new identities)");
            }
        }

        return problems;
    }

    public static IReadOnlyList<string> MonitoringHasLocalAuthDisabled(JsonObject root)
    {
        var problems = new List<string>();
        var components = ArmTemplate.OfType(root, "Microsoft.Insights/components").ToList();
        var workspaces = ArmTemplate.OfType(root, "Microsoft.OperationalInsights/workspaces").ToList();
        if (components.Count == 0)
        {
            problems.Add("no Application Insights component");
        }

        if (workspaces.Count == 0)
        {
            problems.Add("no Log Analytics workspace");
        }

        components.ForEach(c => RequireLiteral(problems, c, "properties.DisableLocalAuth", true));
        workspaces.ForEach(w => RequireLiteral(problems, w, "properties.features.disableLocalAuth", true));
        return problems;
    }

    public static IReadOnlyList<string> KeyVaultUsesRbacWithPurgeProtection(JsonObject root)
    {
        var problems = new List<string>();
        var vaults = ArmTemplate.OfType(root, "Microsoft.KeyVault/vaults").ToList();
        if (vaults.Count == 0)
        {
            problems.Add("no Key Vault");
        }

        foreach (var vault in vaults)
        {
            RequireLiteral(problems, vault, "properties.enableRbacAuthorization", true);
            RequireLiteral(problems, vault, "properties.enablePurgeProtection", true);
            if (vault.At("properties.accessPolicies") is JsonArray { Count: > 0 })
            {
                problems.Add($"{vault}: access policies are not used (RBAC only)");
            }
        }

        return problems;
    }

    public static IReadOnlyList<string> StaticWebAppIsStandardWithLinkedBackend(JsonObject root)
    {
        var problems = new List<string>();
        var sites = ArmTemplate.OfType(root, "Microsoft.Web/staticSites").ToList();
        if (sites.Count == 0)
        {
            problems.Add("no Static Web App");
        }

        foreach (var site in sites)
        {
            if (ArmTemplate.AsString(site.At("sku.name")) != "Standard")
            {
                problems.Add($"{site}: sku must be Standard (linked backends need it)");
            }
        }

        var backends = ArmTemplate.OfType(root, "Microsoft.Web/staticSites/linkedBackends").ToList();
        if (!backends.Any(b => !string.IsNullOrWhiteSpace(ArmTemplate.AsString(b.At("properties.backendResourceId")))))
        {
            problems.Add("the Static Web App has no linked backend (Microsoft.Web/staticSites/linkedBackends with backendResourceId)");
        }

        return problems;
    }

    /// <summary>
    /// The Azure sign-in chain (docs/deployment.md, "People and roles"): the Static Web App has the app settings its
    /// config names, the client secret is a Key Vault reference (never a literal) that its system-assigned identity can
    /// read, and the Function App trusts the forwarded principal only because it is that Static Web App's linked backend.
    /// </summary>
    public static IReadOnlyList<string> ConsoleSignInChainIsWired(JsonObject root)
    {
        var problems = new List<string>();
        foreach (var site in ArmTemplate.OfType(root, "Microsoft.Web/staticSites"))
        {
            if (!(ArmTemplate.AsString(site.At("identity.type")) ?? "").Contains("SystemAssigned", StringComparison.Ordinal))
            {
                problems.Add($"{site}: identity.type must include SystemAssigned (Key Vault references in SWA app settings use it)");
            }
        }

        var settings = ArmTemplate.OfType(root, "Microsoft.Web/staticSites/config")
            .Where(c => c.Name.Contains("appsettings", StringComparison.OrdinalIgnoreCase))
            .SelectMany(c => c.Properties ?? [])
            .ToDictionary(p => p.Key, p => ArmTemplate.AsString(p.Value) ?? "", StringComparer.OrdinalIgnoreCase);
        if (!settings.ContainsKey(SwaClientIdSetting))
        {
            problems.Add($"the Static Web App has no app setting {SwaClientIdSetting} (staticwebapp.config.json clientIdSettingName)");
        }

        if (!settings.TryGetValue(SwaClientSecretSetting, out var secret))
        {
            problems.Add($"the Static Web App has no app setting {SwaClientSecretSetting} (staticwebapp.config.json clientSecretSettingName)");
        }
        else if (!secret.Contains("@Microsoft.KeyVault(", StringComparison.Ordinal))
        {
            problems.Add($"the Static Web App's {SwaClientSecretSetting} must be a Key Vault reference, never a value");
        }

        var swaReadsSecrets = ArmTemplate.OfType(root, "Microsoft.Authorization/roleAssignments").Any(a =>
            !a.IsConditional
            && RoleDefinitionOf(a).Contains("4633458b-17de-408a-b874-0445c86b69e6", StringComparison.OrdinalIgnoreCase)
            && (ArmTemplate.AsString(a.At("properties.principalId")) ?? "").Contains("Microsoft.Web/staticSites", StringComparison.OrdinalIgnoreCase));
        if (!swaReadsSecrets)
        {
            problems.Add("the Static Web App's identity holds no Key Vault Secrets User assignment, so its Key Vault reference cannot resolve");
        }

        var linked = ArmTemplate.OfType(root, "Microsoft.Web/staticSites/linkedBackends").Any();
        foreach (var app in FunctionApps(root))
        {
            var trusts = AppSettingsOf(app, problems).LastOrDefault(s => string.Equals(s.Name, TrustStaticWebAppsSetting, StringComparison.OrdinalIgnoreCase));
            if (trusts is null || !string.Equals(trusts.Value, "true", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{app}: app setting {TrustStaticWebAppsSetting} must be 'true' (the console sends no token, only SWA's principal)");
            }
            else if (!linked)
            {
                problems.Add($"{app}: {TrustStaticWebAppsSetting} is on but no Static Web App links it as backend, so anyone could forge the header");
            }
        }

        return problems;
    }

    /// <summary>The setting App Service sets when its authentication is on; the app trusts x-ms-client-principal only then.</summary>
    public const string PlatformAuthenticationSetting = "WEBSITE_AUTH_ENABLED";

    /// <summary>
    /// Issue 15, item 3: a Function App that trusts x-ms-client-principal must have App Service authentication on
    /// (authsettingsV2, unconditionally) with the linked Static Web Apps provider, HTTPS only, and must not fake the
    /// platform's WEBSITE_AUTH_ENABLED in its own app settings. See docs/deployment.md, "Trust chain".
    /// </summary>
    public static IReadOnlyList<string> ForwardedPrincipalIsPlatformGuarded(JsonObject root)
    {
        var problems = new List<string>();
        var authSettings = ArmTemplate.OfType(root, "Microsoft.Web/sites/config")
            .Where(c => c.Name.Contains("authsettingsV2", StringComparison.OrdinalIgnoreCase) && !c.IsExisting)
            .ToList();
        foreach (var app in FunctionApps(root))
        {
            var settings = AppSettingsOf(app, problems);
            if (settings.Any(s => string.Equals(s.Name, PlatformAuthenticationSetting, StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add($"{app}: app setting {PlatformAuthenticationSetting} must be left to the platform (setting it by hand fakes the guard)");
            }

            var trusts = settings.LastOrDefault(s => string.Equals(s.Name, TrustStaticWebAppsSetting, StringComparison.OrdinalIgnoreCase));
            if (trusts is null || !string.Equals(trusts.Value, "true", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (authSettings.Count == 0)
            {
                problems.Add($"{app}: trusts x-ms-client-principal but has no App Service authentication (Microsoft.Web/sites/config authsettingsV2)");
                continue;
            }

            foreach (var auth in authSettings)
            {
                if (auth.IsConditional)
                {
                    problems.Add($"{auth}: App Service authentication must be deployed unconditionally");
                }

                if (!ArmTemplate.IsLiteral(auth.At("properties.platform.enabled"), true))
                {
                    problems.Add($"{auth}: properties.platform.enabled must be true (App Service authentication on)");
                }

                if (!ArmTemplate.IsLiteral(auth.At("properties.identityProviders.azureStaticWebApps.enabled"), true))
                {
                    problems.Add($"{auth}: identityProviders.azureStaticWebApps.enabled must be true (the linked Static Web App's proxy token is validated)");
                }

                if (!ArmTemplate.IsLiteral(auth.At("properties.httpSettings.requireHttps"), true))
                {
                    problems.Add($"{auth}: httpSettings.requireHttps must be true");
                }

                if (ArmTemplate.AsString(auth.At("properties.globalValidation.unauthenticatedClientAction")) is not ("AllowAnonymous" or "Return401" or "Return403"))
                {
                    problems.Add($"{auth}: globalValidation.unauthenticatedClientAction must be AllowAnonymous, Return401 or Return403 (never a login redirect on an API)");
                }
            }
        }

        return problems;
    }

    public static IReadOnlyList<string> AzdServiceTagsPresent(JsonObject root)
    {
        var problems = new List<string>();
        if (!FunctionApps(root).Any(a => HasServiceTag(a, "api")))
        {
            problems.Add("no Function App tagged azd-service-name=api");
        }

        if (!ArmTemplate.OfType(root, "Microsoft.Web/staticSites").Any(s => HasServiceTag(s, "web")))
        {
            problems.Add("no Static Web App tagged azd-service-name=web");
        }

        return problems;
    }

    public static IReadOnlyList<string> AzdOutputsPresent(JsonObject root)
    {
        var outputs = root["outputs"] as JsonObject ?? [];
        return RequiredOutputs
            .Where(name => !outputs.ContainsKey(name))
            .Select(name => $"output {name} is missing")
            .ToList();
    }

    // ---- helpers ----

    public static IEnumerable<ArmResource> FunctionApps(JsonObject root) =>
        ArmTemplate.OfType(root, "Microsoft.Web/sites")
            .Where(s => (ArmTemplate.AsString(s.Node["kind"]) ?? "").Contains("functionapp", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The app settings of a site: siteConfig.appSettings plus any Microsoft.Web/sites/config 'appsettings'
    /// resource in the same template. Settings built by an expression cannot be checked and are reported.
    /// </summary>
    public static IReadOnlyList<AppSetting> AppSettingsOf(ArmResource site, List<string> problems)
    {
        var settings = new List<AppSetting>();
        switch (site.At("properties.siteConfig.appSettings"))
        {
            case null:
                break;
            case JsonArray list:
                foreach (var entry in list.OfType<JsonObject>())
                {
                    var name = ArmTemplate.AsString(entry["name"]);
                    if (name is null || ArmTemplate.IsExpression(entry["name"]))
                    {
                        problems.Add($"{site}: an app setting name is computed ({Show(entry["name"])}); write names literally");
                        continue;
                    }

                    settings.Add(new AppSetting(name, entry["value"]?.ToJsonString().Trim('"') ?? ""));
                }

                break;
            default:
                problems.Add($"{site}: siteConfig.appSettings is computed by an expression; write it as a literal list so it can be checked");
                break;
        }

        foreach (var config in ArmTemplate.OfType(RootOf(site), "Microsoft.Web/sites/config")
                     .Where(c => ReferenceEquals(c.Scope.Template, site.Scope.Template)
                                 && c.Name.Contains("appsettings", StringComparison.OrdinalIgnoreCase)))
        {
            if (config.Properties is null)
            {
                problems.Add($"{config}: properties are computed by an expression; write them literally");
                continue;
            }

            settings.AddRange(config.Properties.Select(p => new AppSetting(p.Key, p.Value?.ToJsonString().Trim('"') ?? "")));
        }

        return settings;
    }

    private static JsonObject RootOf(ArmResource resource)
    {
        var scope = resource.Scope;
        while (scope.Parent is not null)
        {
            scope = scope.Parent;
        }

        return scope.Template;
    }

    /// <summary>The assignment's principal is the Function App's user-assigned identity.</summary>
    public static bool IsAppIdentity(ArmResource assignment) =>
        (ArmTemplate.AsString(assignment.At("properties.principalId")) ?? "").Contains("Microsoft.ManagedIdentity/userAssignedIdentities", StringComparison.OrdinalIgnoreCase);

    private static string RoleDefinitionOf(ArmResource assignment) =>
        ArmTemplate.Expand(ArmTemplate.AsString(assignment.At("properties.roleDefinitionId")), assignment.Scope);

    private static bool HasServiceTag(ArmResource resource, string service) => resource.Node["tags"] switch
    {
        JsonObject tags => ArmTemplate.AsString(tags["azd-service-name"]) == service,
        JsonValue expression => (ArmTemplate.AsString(expression) ?? "").Contains($"'azd-service-name', '{service}'", StringComparison.Ordinal),
        _ => false,
    };

    private static void RequireLiteral(List<string> problems, ArmResource resource, string path, bool expected)
    {
        var value = resource.At(path);
        if (!ArmTemplate.IsLiteral(value, expected))
        {
            problems.Add($"{resource}: {path} must be {(expected ? "true" : "false")} (is {Show(value)})");
        }
    }

    private static string Show(JsonNode? node) => node is null ? "absent" : node.ToJsonString();

    private static IEnumerable<(string Path, string Text)> Strings(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    foreach (var item in Strings(child, $"{path}.{key}"))
                    {
                        yield return item;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var item in Strings(array[i], $"{path}[{i}]"))
                    {
                        yield return item;
                    }
                }

                break;
            case JsonValue value when ArmTemplate.AsString(value) is { } text:
                yield return (path, text);
                break;
        }
    }

    [GeneratedRegex(@"\blist[A-Za-z]*\(", RegexOptions.IgnoreCase)]
    private static partial Regex ListFunction();
}
