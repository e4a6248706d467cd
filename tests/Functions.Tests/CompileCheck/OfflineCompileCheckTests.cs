using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace Backoffice.Functions.Tests.CompileCheck;

/// <summary>
/// The offline compile check: functions/ compiled against the project's own assemblies and the ASP.NET Core shared
/// framework, failing on every diagnostic that is not an unresolved name of the three SDKs the registry here does not
/// serve. It catches drift between functions/ and the rest; it is not a build (no SDK generators, no packages).
/// </summary>
public sealed class OfflineCompileCheckTests
{
    [Fact]
    public void Functions_compiles_with_nothing_unresolved_but_the_unavailable_SDKs()
    {
        var diagnostics = OfflineCompileCheck.Run(FunctionsCompilation.Functions());

        var failures = OfflineCompileCheck.Failures(diagnostics);
        Assert.True(failures.Count == 0, "The compile check found:" + Environment.NewLine + string.Join(Environment.NewLine, failures));
        Assert.Contains(diagnostics, d => d.ExcusedAs == "using Microsoft.Azure.Functions.Worker");
        Assert.All(diagnostics, d => Assert.True(ExternalSymbols.IsExternalNamespace(d.ExcusedAs!.Replace("using ", string.Empty, StringComparison.Ordinal))));
    }

    [Fact]
    public void Every_listed_SDK_name_is_used_and_none_is_a_name_our_assemblies_declare()
    {
        var excused = OfflineCompileCheck.Run(FunctionsCompilation.Functions()).Select(d => d.ExcusedAs).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var ours = new[] { typeof(Backoffice.Api.BackofficeApi), typeof(Backoffice.Infra.ServiceRegistration), typeof(Backoffice.Core.Orders.OrderDecider) }
            .SelectMany(t => t.Assembly.GetTypes()).Select(t => t.Name.Split('`')[0]).ToHashSet(StringComparer.Ordinal);

        foreach (var (name, ns) in ExternalSymbols.Types)
        {
            Assert.Contains($"{ns}.{name}", excused);
            Assert.DoesNotContain(name, ours);
            Assert.DoesNotContain(name + "Attribute", ours);
        }
    }

    [Fact]
    public void A_name_outside_the_SDK_list_fails_the_check_even_under_an_SDK_using()
    {
        // An SDK using directive does not excuse everything in the file: a type of ours that disappeared still fails.
        var broken = CSharpSyntaxTree.ParseText(
            """
            using Microsoft.DurableTask;
            namespace Probe;
            internal static class UsesRemovedType
            {
                public static string Describe(TaskOrchestrationContext context, OrderActivitiesThatNoLongerExist activities) => $"{context}{activities}";
            }
            """,
            FunctionsCompilation.ParseOptions,
            "Probe.cs");
        var compilation = FunctionsCompilation.Functions().AddSyntaxTrees(broken);

        var failures = OfflineCompileCheck.Failures(OfflineCompileCheck.Run(compilation));

        var failure = Assert.Single(failures);
        Assert.Equal("CS0246", failure.Id);
        Assert.Contains("OrderActivitiesThatNoLongerExist", failure.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void Renaming_an_infra_method_that_functions_calls_fails_the_check()
    {
        var infra = LibraryFromSource.Compile("infra", "Backoffice.Infra", tree => Rename(tree, "OrderActivities", "SaveOrderAsync", "SaveAsync"));

        var failures = OfflineCompileCheck.Failures(OfflineCompileCheck.Run(FunctionsCompilation.Functions(new Dictionary<string, MetadataReference> { ["Backoffice.Infra"] = infra })));

        // Exactly one failure: the library compiled from source is otherwise the built one, and the check is otherwise clean.
        var failure = Assert.Single(failures);
        Assert.Equal("CS1061", failure.Id);
        Assert.Contains("SaveOrderAsync", failure.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.EndsWith("OrderWorkflowFunctions.cs", failure.Location.SourceTree!.FilePath, StringComparison.Ordinal);
    }

    [Fact]
    public void Changing_an_api_signature_that_functions_calls_fails_the_check()
    {
        // The shared composition gains a required parameter: the Functions host's Program no longer compiles.
        var api = LibraryFromSource.Compile("api", "Backoffice.Api", tree => AddParameter(tree, "BackofficeApi", "AddBackofficeApi", "string hostName"));

        var failures = OfflineCompileCheck.Failures(OfflineCompileCheck.Run(FunctionsCompilation.Functions(new Dictionary<string, MetadataReference> { ["Backoffice.Api"] = api })));

        var failure = Assert.Single(failures);
        Assert.Equal("CS7036", failure.Id);
        Assert.EndsWith("Program.cs", failure.Location.SourceTree!.FilePath, StringComparison.Ordinal);
    }

    private static SyntaxTree Rename(SyntaxTree tree, string type, string method, string newName)
    {
        var root = tree.GetRoot();
        var target = root.DescendantNodes().OfType<MethodDeclarationSyntax>()
            .SingleOrDefault(m => m.Identifier.Text == method && m.Parent is TypeDeclarationSyntax t && t.Identifier.Text == type);
        return target is null ? tree : tree.WithRootAndOptions(root.ReplaceNode(target, target.WithIdentifier(SyntaxFactory.Identifier(newName))), tree.Options);
    }

    private static SyntaxTree AddParameter(SyntaxTree tree, string type, string method, string parameter)
    {
        var root = tree.GetRoot();
        var target = root.DescendantNodes().OfType<MethodDeclarationSyntax>()
            .SingleOrDefault(m => m.Identifier.Text == method && m.Parent is TypeDeclarationSyntax t && t.Identifier.Text == type);
        return target is null
            ? tree
            : tree.WithRootAndOptions(root.ReplaceNode(target, target.AddParameterListParameters(SyntaxFactory.ParseParameterList("(" + parameter + ")").Parameters[0])), tree.Options);
    }
}
