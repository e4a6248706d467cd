using System.Text.Json.Nodes;
using Xunit;

namespace Infrastructure.Tests;

/// <summary>
/// Each rule can fail: a copy of the compiled template is broken in one way, and the rule that guards that
/// property must report it (while it reported nothing on the unbroken copy).
/// </summary>
public sealed class RuleMutationTests
{
    private sealed record Mutation(string Rule, string Expected, Action<JsonObject> Apply);

    private static readonly Dictionary<string, Mutation> Mutations = BuildMutations();

    public static TheoryData<string> Names => new(Mutations.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Names))]
    public void Rule_catches_the_mutation(string name)
    {
        var mutation = Mutations[name];
        var rule = InfrastructureRules.All[mutation.Rule];
        var template = CompiledTemplate.Fresh();
        Assert.Empty(rule(template));

        mutation.Apply(template);
        var violations = rule(template);

        Assert.True(
            violations.Any(v => v.Contains(mutation.Expected, StringComparison.OrdinalIgnoreCase)),
            $"{mutation.Rule} did not report '{mutation.Expected}' after '{name}'. It reported:\n  " + string.Join("\n  ", violations));
    }

    private static Dictionary<string, Mutation> BuildMutations()
    {
        const string Storage = nameof(InfrastructureRules.StorageIsLockedDown);
        const string Settings = nameof(InfrastructureRules.AppSettingsAreIdentityBased);
        const string Keys = nameof(InfrastructureRules.NoKeysAnywhere);
        const string App = nameof(InfrastructureRules.FunctionAppIsFlexHttpsTls12);
        const string Bus = nameof(InfrastructureRules.ServiceBusIsIdentityOnlyWithDedupedInbound);
        const string Roles = nameof(InfrastructureRules.IdentityHoldsEveryDataPlaneRole);
        const string LeastPrivilege = nameof(InfrastructureRules.RoleAssignmentsAreLeastPrivilegeWithGuidNames);
        const string Monitoring = nameof(InfrastructureRules.MonitoringHasLocalAuthDisabled);
        const string Vault = nameof(InfrastructureRules.KeyVaultUsesRbacWithPurgeProtection);
        const string Swa = nameof(InfrastructureRules.StaticWebAppIsStandardWithLinkedBackend);
        const string SignIn = nameof(InfrastructureRules.ConsoleSignInChainIsWired);
        const string Guarded = nameof(InfrastructureRules.ForwardedPrincipalIsPlatformGuarded);
        const string Tags = nameof(InfrastructureRules.AzdServiceTagsPresent);
        const string Outputs = nameof(InfrastructureRules.AzdOutputsPresent);

        var m = new Dictionary<string, Mutation>(StringComparer.Ordinal)
        {
            // Storage
            ["storage: shared key access enabled"] = new(Storage, "allowSharedKeyAccess",
                t => Set(StorageAccount(t), "properties.allowSharedKeyAccess", true)),
            ["storage: shared key access left to its default (true)"] = new(Storage, "allowSharedKeyAccess",
                t => Remove(StorageAccount(t), "properties.allowSharedKeyAccess")),
            ["storage: public blob access allowed"] = new(Storage, "allowBlobPublicAccess",
                t => Set(StorageAccount(t), "properties.allowBlobPublicAccess", true)),
            ["storage: TLS 1.0 allowed"] = new(Storage, "minimumTlsVersion",
                t => Set(StorageAccount(t), "properties.minimumTlsVersion", "TLS1_0")),
            ["storage: HTTP allowed"] = new(Storage, "supportsHttpsTrafficOnly",
                t => Set(StorageAccount(t), "properties.supportsHttpsTrafficOnly", false)),
            ["storage: reports container public"] = new(Storage, "publicAccess",
                t => Set(One(t, "Microsoft.Storage/storageAccounts/blobServices/containers", r => r.Name.Contains("'reports'")), "properties.publicAccess", "Blob")),
            ["storage: deployment container missing"] = new(Storage, "deploymentpackage",
                t => Delete(One(t, "Microsoft.Storage/storageAccounts/blobServices/containers", r => r.Name.Contains("'deploymentpackage'")))),

            // Keys and connection strings
            ["settings: storage connection string with AccountKey"] = new(Settings, "carries a key",
                t => AddSetting(t, "AzureWebJobsStorage", "DefaultEndpointsProtocol=https;AccountName=x;AccountKey=c2VjcmV0;EndpointSuffix=core.windows.net")),
            ["settings: Service Bus connection string with SharedAccessKey"] = new(Settings, "carries a key",
                t => AddSetting(t, "OrdersBus", "Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=c2VjcmV0")),
            ["settings: plain AzureWebJobsStorage setting"] = new(Settings, "AzureWebJobsStorage implies a key-based connection",
                t => AddSetting(t, "AzureWebJobsStorage", "[parameters('storageBlobEndpoint')]")),
            ["settings: Azure Files content share"] = new(Settings, "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING",
                t => AddSetting(t, "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", "[parameters('storageBlobEndpoint')]")),
            ["settings: storage credential is not managedidentity"] = new(Settings, "must be 'managedidentity'",
                t => SetSetting(t, "AzureWebJobsStorage__credential", "connectionstring")),
            ["settings: Service Bus credential is not managedidentity"] = new(Settings, "must be 'managedidentity'",
                t => SetSetting(t, "ServiceBus__credential", "sas")),
            ["settings: App Insights without Entra auth"] = new(Settings, "Authorization=AAD",
                t => SetSetting(t, "APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "none")),
            ["settings: computed by an expression"] = new(Settings, "computed by an expression",
                t => Set(FunctionApp(t), "properties.siteConfig.appSettings", "[variables('settings')]")),
            ["keys: listKeys() anywhere in the template"] = new(Keys, "listKeys",
                t => AddSetting(t, "Reports__Key", "[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'x'), '2023-05-01').keys[0].value]")),
            ["keys: AccountKey= anywhere in the template"] = new(Keys, "AccountKey=",
                t => ((JsonObject)t["outputs"]!)["LEAK"] = new JsonObject { ["type"] = "string", ["value"] = "AccountName=x;AccountKey=y" }),

            // Function App
            ["function app: HTTP allowed"] = new(App, "httpsOnly",
                t => Set(FunctionApp(t), "properties.httpsOnly", false)),
            ["function app: TLS 1.0 allowed"] = new(App, "minTlsVersion",
                t => Set(FunctionApp(t), "properties.siteConfig.minTlsVersion", "1.0")),
            ["function app: system-assigned identity only"] = new(App, "UserAssigned",
                t => Set(FunctionApp(t), "identity", new JsonObject { ["type"] = "SystemAssigned" })),
            ["function app: runtime .NET 8"] = new(App, "dotnet-isolated 10.0",
                t => Set(FunctionApp(t), "properties.functionAppConfig.runtime.version", "8.0")),
            ["function app: deployment storage by connection string"] = new(App, "deployment storage",
                t => Set(FunctionApp(t), "properties.functionAppConfig.deployment.storage.authentication",
                    new JsonObject { ["type"] = "StorageAccountConnectionString", ["storageAccountConnectionStringName"] = "DEPLOYMENT_STORAGE_CONNECTION_STRING" })),
            ["function app: no always-ready durable instances"] = new(App, "durable",
                t => Set(FunctionApp(t), "properties.functionAppConfig.scaleAndConcurrency.alwaysReady", new JsonArray())),
            ["function app: zero always-ready durable instances"] = new(App, "at least 1",
                t => Set(FunctionApp(t), "properties.functionAppConfig.scaleAndConcurrency.alwaysReady",
                    new JsonArray(new JsonObject { ["name"] = "durable", ["instanceCount"] = 0 }))),
            ["function app: classic consumption plan"] = new(App, "FC1",
                t => Set(One(t, "Microsoft.Web/serverfarms"), "sku", new JsonObject { ["name"] = "Y1", ["tier"] = "Dynamic" })),

            // Service Bus
            ["service bus: local (SAS) auth enabled"] = new(Bus, "disableLocalAuth",
                t => Set(One(t, "Microsoft.ServiceBus/namespaces"), "properties.disableLocalAuth", false)),
            ["service bus: basic tier"] = new(Bus, "Standard or Premium",
                t => Set(One(t, "Microsoft.ServiceBus/namespaces"), "sku", new JsonObject { ["name"] = "Basic", ["tier"] = "Basic" })),
            ["service bus: SAS authorization rule added"] = new(Bus, "SAS authorization rules",
                t => AddResource(One(t, "Microsoft.ServiceBus/namespaces"), new JsonObject
                {
                    ["type"] = "Microsoft.ServiceBus/namespaces/AuthorizationRules",
                    ["apiVersion"] = "2024-01-01",
                    ["name"] = "[format('{0}/{1}', parameters('name'), 'send')]",
                    ["properties"] = new JsonObject { ["rights"] = new JsonArray("Send") },
                })),
            ["service bus: an intake queue added back"] = new(Bus, "no Service Bus queue is read",
                t => AddResource(One(t, "Microsoft.ServiceBus/namespaces"), new JsonObject
                {
                    ["type"] = "Microsoft.ServiceBus/namespaces/queues",
                    ["apiVersion"] = "2024-01-01",
                    ["name"] = "[format('{0}/{1}', parameters('name'), 'orders-inbound')]",
                    ["properties"] = new JsonObject { ["requiresDuplicateDetection"] = true },
                })),
            ["service bus: stock-changed topic missing"] = new(Bus, "'stock-changed'",
                t => Delete(One(t, "Microsoft.ServiceBus/namespaces/topics", r => r.Name.Contains("'stock-changed'")))),
            ["service bus: finance-reports without subscription"] = new(Bus, "has no subscription",
                t => Delete(One(t, "Microsoft.ServiceBus/namespaces/topics/subscriptions", r => r.Name.Contains("'finance-reports'")))),

            // Role assignments (generic ones; one per required role is added below)
            ["roles: blob role only when a condition holds"] = new(Roles, "Storage Blob Data Owner",
                t => AppRoleAssignment(t, InfrastructureRules.AppIdentityRoles[0]).Node["condition"] = "[not(empty(parameters('principalId')))]"),
            ["roles: Key Vault role scoped to the storage account"] = new(Roles, "Key Vault Secrets Officer",
                t => AppRoleAssignment(t, InfrastructureRules.AppIdentityRoles[5]).Node["scope"] =
                    "[format('Microsoft.Storage/storageAccounts/{0}', parameters('storageAccountName'))]"),
            ["roles: given to a user instead of the identity"] = new(Roles, "Monitoring Metrics Publisher",
                t => Set(AppRoleAssignment(t, InfrastructureRules.AppIdentityRoles[6]), "properties.principalType", "User")),
            ["roles: assignment name not from guid()"] = new(LeastPrivilege, "guid",
                t => AppRoleAssignment(t, InfrastructureRules.AppIdentityRoles[0]).Node["name"] = "blob-owner"),
            ["roles: Storage Account Contributor granted"] = new(LeastPrivilege, "Storage Account Contributor",
                t => Set(AppRoleAssignment(t, InfrastructureRules.AppIdentityRoles[0]), "properties.roleDefinitionId",
                    "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '17d1049b-9a84-46fb-8f53-869881c3d3ab')]")),
            ["roles: Owner granted"] = new(LeastPrivilege, "Owner",
                t => Set(AppRoleAssignment(t, InfrastructureRules.AppIdentityRoles[2]), "properties.roleDefinitionId",
                    "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '8e3af657-a8ff-443c-a75c-2fe8c4bcb635')]")),
            ["roles: principalType missing"] = new(LeastPrivilege, "principalType",
                t => Remove(AppRoleAssignment(t, InfrastructureRules.AppIdentityRoles[3]), "properties.principalType")),

            // Monitoring, Key Vault, Static Web App
            ["monitoring: App Insights local auth enabled"] = new(Monitoring, "DisableLocalAuth",
                t => Set(One(t, "Microsoft.Insights/components"), "properties.DisableLocalAuth", false)),
            ["monitoring: Log Analytics local auth left enabled"] = new(Monitoring, "disableLocalAuth",
                t => Remove(One(t, "Microsoft.OperationalInsights/workspaces"), "properties.features.disableLocalAuth")),
            ["key vault: access policies instead of RBAC"] = new(Vault, "enableRbacAuthorization",
                t => Set(One(t, "Microsoft.KeyVault/vaults"), "properties.enableRbacAuthorization", false)),
            ["key vault: no purge protection"] = new(Vault, "enablePurgeProtection",
                t => Remove(One(t, "Microsoft.KeyVault/vaults"), "properties.enablePurgeProtection")),
            ["static web app: free tier"] = new(Swa, "Standard",
                t => Set(One(t, "Microsoft.Web/staticSites"), "sku", new JsonObject { ["name"] = "Free", ["tier"] = "Free" })),
            ["static web app: no linked backend"] = new(Swa, "linked backend",
                t => Delete(One(t, "Microsoft.Web/staticSites/linkedBackends"))),

            // Console sign-in chain
            ["sign-in: client secret written as a value"] = new(SignIn, "Key Vault reference",
                t => SwaAppSettings(t).Properties![InfrastructureRules.SwaClientSecretSetting] = "s3cr3t-value"),
            ["sign-in: client id setting missing"] = new(SignIn, InfrastructureRules.SwaClientIdSetting,
                t => SwaAppSettings(t).Properties!.Remove(InfrastructureRules.SwaClientIdSetting)),
            ["sign-in: no app settings on the Static Web App"] = new(SignIn, InfrastructureRules.SwaClientSecretSetting,
                t => Delete(SwaAppSettings(t))),
            ["sign-in: Static Web App without a system-assigned identity"] = new(SignIn, "SystemAssigned",
                t => Remove(One(t, "Microsoft.Web/staticSites"), "identity")),
            ["sign-in: Static Web App cannot read the secret"] = new(SignIn, "Key Vault Secrets User",
                t => Delete(One(t, "Microsoft.Authorization/roleAssignments", r => (ArmTemplate.AsString(r.At("properties.principalId")) ?? "").Contains("staticSites", StringComparison.Ordinal)))),
            ["sign-in: API does not trust the forwarded principal"] = new(SignIn, InfrastructureRules.TrustStaticWebAppsSetting,
                t => SetSetting(t, InfrastructureRules.TrustStaticWebAppsSetting, "false")),
            ["sign-in: API trusts the header without a linked backend"] = new(SignIn, "forge",
                t => Delete(One(t, "Microsoft.Web/staticSites/linkedBackends"))),

            // What binds x-ms-client-principal to Static Web Apps (issue 15, item 3)
            ["trust: App Service authentication removed"] = new(Guarded, "no App Service authentication",
                t => Delete(BackendAuthentication(t))),
            ["trust: App Service authentication off"] = new(Guarded, "platform.enabled",
                t => Set(BackendAuthentication(t), "properties.platform.enabled", false)),
            ["trust: linked Static Web Apps provider off"] = new(Guarded, "azureStaticWebApps",
                t => Remove(BackendAuthentication(t), "properties.identityProviders.azureStaticWebApps")),
            ["trust: App Service authentication only under a condition"] = new(Guarded, "unconditionally",
                t => BackendAuthentication(t).Node["condition"] = "[parameters('enableAuth')]"),
            ["trust: plain http allowed"] = new(Guarded, "requireHttps",
                t => Set(BackendAuthentication(t), "properties.httpSettings.requireHttps", false)),
            ["trust: platform guard faked by an app setting"] = new(Guarded, InfrastructureRules.PlatformAuthenticationSetting,
                t => AddSetting(t, InfrastructureRules.PlatformAuthenticationSetting, "True")),

            // azd
            ["azd: function app not tagged api"] = new(Tags, "azd-service-name=api",
                t => FunctionApp(t).Node["tags"] = "[parameters('tags')]"),
            ["azd: static web app not tagged web"] = new(Tags, "azd-service-name=web",
                t => One(t, "Microsoft.Web/staticSites").Node["tags"] = new JsonObject { ["azd-service-name"] = "frontend" }),
            ["azd: KEY_VAULT_URI output missing"] = new(Outputs, "KEY_VAULT_URI",
                t => ((JsonObject)t["outputs"]!).Remove("KEY_VAULT_URI")),
        };

        foreach (var setting in InfrastructureRules.RequiredIdentitySettings)
        {
            m[$"settings: {setting} missing"] = new(Settings, $"{setting} is missing", t => RemoveSetting(t, setting));
        }

        foreach (var role in InfrastructureRules.AppIdentityRoles)
        {
            m[$"roles: {role.Name} not assigned"] = new(Roles, role.DefinitionId, t => Delete(AppRoleAssignment(t, role)));
        }

        return m;
    }

    // ---- finding and changing things in the compiled template ----

    private static ArmResource One(JsonObject t, string type, Func<ArmResource, bool>? where = null)
    {
        var matches = ArmTemplate.OfType(t, type).Where(where ?? (_ => true)).ToList();
        return matches.Count == 1
            ? matches[0]
            : throw new InvalidOperationException($"expected one {type}, found {matches.Count}");
    }

    private static ArmResource SwaAppSettings(JsonObject t) =>
        One(t, "Microsoft.Web/staticSites/config", r => r.Name.Contains("appsettings", StringComparison.Ordinal));

    private static ArmResource BackendAuthentication(JsonObject t) =>
        One(t, "Microsoft.Web/sites/config", r => r.Name.Contains("authsettingsV2", StringComparison.OrdinalIgnoreCase));

    private static ArmResource StorageAccount(JsonObject t) => One(t, "Microsoft.Storage/storageAccounts");

    private static ArmResource FunctionApp(JsonObject t) => InfrastructureRules.FunctionApps(t).Single();


    private static ArmResource AppRoleAssignment(JsonObject t, RequiredRole role) =>
        One(t, "Microsoft.Authorization/roleAssignments", r =>
            !r.IsConditional
            && InfrastructureRules.IsAppIdentity(r)
            && ArmTemplate.Expand(ArmTemplate.AsString(r.At("properties.roleDefinitionId")), r.Scope)
                .Contains(role.DefinitionId, StringComparison.OrdinalIgnoreCase));

    private static JsonArray Settings(JsonObject t) =>
        FunctionApp(t).At("properties.siteConfig.appSettings") as JsonArray
        ?? throw new InvalidOperationException("the Function App has no literal appSettings list");

    private static void AddSetting(JsonObject t, string name, string value) =>
        Settings(t).Add(new JsonObject { ["name"] = name, ["value"] = value });

    private static void SetSetting(JsonObject t, string name, string value) =>
        Settings(t).OfType<JsonObject>().Single(s => ArmTemplate.AsString(s["name"]) == name)["value"] = value;

    private static void RemoveSetting(JsonObject t, string name)
    {
        var settings = Settings(t);
        settings.Remove(settings.OfType<JsonObject>().Single(s => ArmTemplate.AsString(s["name"]) == name));
    }

    private static void Set(ArmResource resource, string dottedPath, JsonNode? value)
    {
        var parts = dottedPath.Split('.');
        JsonObject node = resource.Node;
        foreach (var part in parts[..^1])
        {
            if (node[part] is not JsonObject child)
            {
                child = new JsonObject();
                node[part] = child;
            }

            node = child;
        }

        node[parts[^1]] = value;
    }

    private static void Remove(ArmResource resource, string dottedPath)
    {
        var parts = dottedPath.Split('.');
        var parent = ArmTemplate.At(resource.Node, string.Join('.', parts[..^1])) as JsonObject
            ?? throw new InvalidOperationException($"{resource}: no {dottedPath}");
        if (!parent.Remove(parts[^1]))
        {
            throw new InvalidOperationException($"{resource}: no {dottedPath}");
        }
    }

    private static void Delete(ArmResource resource)
    {
        switch (resource.Scope.Template["resources"])
        {
            case JsonArray list:
                list.Remove(resource.Node);
                break;
            case JsonObject symbolic:
                symbolic.Remove(symbolic.Single(kv => ReferenceEquals(kv.Value, resource.Node)).Key);
                break;
        }
    }

    private static void AddResource(ArmResource sibling, JsonObject resource)
    {
        if (sibling.Scope.Template["resources"] is JsonArray list)
        {
            list.Add(resource);
        }
        else
        {
            ((JsonObject)sibling.Scope.Template["resources"]!)["added"] = resource;
        }
    }
}
