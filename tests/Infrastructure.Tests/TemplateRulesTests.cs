using Xunit;

namespace Infrastructure.Tests;

/// <summary>Every rule of <see cref="InfrastructureRules"/> holds on the compiled bicep/main.bicep.</summary>
public sealed class TemplateRulesTests
{
    public static TheoryData<string> Rules => new(InfrastructureRules.All.Keys);

    [Theory]
    [MemberData(nameof(Rules))]
    public void Rule_holds_for_the_compiled_template(string rule)
    {
        var violations = InfrastructureRules.All[rule](CompiledTemplate.Fresh());

        Assert.True(violations.Count == 0, $"{rule}:\n  " + string.Join("\n  ", violations));
    }

    [Fact]
    public void The_walker_reaches_resources_inside_module_templates()
    {
        var root = CompiledTemplate.Fresh();

        var account = Assert.Single(ArmTemplate.OfType(root, "Microsoft.Storage/storageAccounts"));
        Assert.NotNull(account.Scope.Deployment);
        Assert.Equal("storage", account.Scope.Deployment!.Name);
        Assert.Equal(8, ArmTemplate.OfType(root, "Microsoft.Authorization/roleAssignments").Count(a => !a.IsConditional));
    }

    [Fact]
    public void Module_parameters_resolve_through_nested_deployments()
    {
        var root = CompiledTemplate.Fresh();
        var app = Assert.Single(InfrastructureRules.FunctionApps(root));

        var durable = app.At("properties.functionAppConfig.scaleAndConcurrency.alwaysReady")!.AsArray()[0]!["instanceCount"];
        var subscription = ArmTemplate.OfType(root, "Microsoft.ServiceBus/namespaces/topics/subscriptions").First();
        var deliveries = subscription.At("properties.maxDeliveryCount");

        Assert.Equal(1, ArmTemplate.Resolve(durable, app.Scope)!.GetValue<int>());
        Assert.Equal(10, ArmTemplate.Resolve(deliveries, subscription.Scope)!.GetValue<int>());
    }
}
