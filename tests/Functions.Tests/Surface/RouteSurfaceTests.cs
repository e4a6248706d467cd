using System.Text;
using Backoffice.Testing;
using Xunit;

namespace Backoffice.Functions.Tests.Surface;

[Collection(AzuriteCollection.Name)]
public sealed class RouteSurfaceTests(AzuriteFixture azurite)
{
    [Fact]
    public void The_HTTP_routes_in_the_functions_metadata_equal_the_local_hosts_routes()
    {
        // Optional routes (diagnostics for the load generator) are switched on, so the comparison covers every route either host can serve.
        using var host = new BackofficeHost(azurite, settings: new Dictionary<string, string> { ["Diagnostics:Enabled"] = "true", ["OrderEngine:Enabled"] = "false" });
        var local = LocalApiRoutes.Of(host);
        if (Environment.GetEnvironmentVariable("FUNCTIONS_REGENERATE_HTTP") == "1")
        {
            Regenerate(local);
        }

        var functions = FunctionsMetadata.Current.HttpRoutes().Select(r => r.Route).ToHashSet();
        var missing = local.Except(functions).ToArray();
        var extra = functions.Except(local).OrderBy(r => r.Pattern, StringComparer.Ordinal).ToArray();
        var report = new StringBuilder();
        if (missing.Length > 0)
        {
            report.AppendLine("Routes the local host serves and functions/ does not (FUNCTIONS_REGENERATE_HTTP=1 rewrites functions/Http, then rebuild); wrappers:");
            foreach (var route in missing)
            {
                report.AppendLine(WrapperCode.For(route));
            }
        }

        if (extra.Length > 0)
        {
            report.AppendLine("Routes in functions/ the local host does not serve: " + string.Join(", ", extra.Select(r => r.ToString())));
        }

        Assert.True(missing.Length == 0 && extra.Length == 0, report.ToString());
        Assert.Contains(new HttpRoute("POST", "/api/orders/{merchantId}/{orderId}/confirm"), local);
        Assert.Contains(new HttpRoute("POST", "/api/webhooks/{merchantId}/shopify"), local);
    }

    [Fact]
    public void Every_HTTP_function_is_the_generated_wrapper_that_hands_its_own_route_and_Durable_client_to_the_API()
    {
        var sources = string.Concat(Directory.EnumerateFiles(Path.Combine(FunctionsMetadata.FunctionsDirectory, "Http"), "*.cs").Select(File.ReadAllText));
        var routes = FunctionsMetadata.Current.HttpRoutes().ToArray();
        Assert.NotEmpty(routes);
        foreach (var (route, function) in routes)
        {
            Assert.Equal(WrapperCode.FunctionName(route), function.Name);
            Assert.StartsWith("Backoffice.Functions.Http.", function.EntryPoint, StringComparison.Ordinal);
            Assert.Equal(["httpTrigger", "durableClient", "http"], function.BindingTypes);
            Assert.Equal("Anonymous", (string?)function.Trigger["authLevel"]);
            Assert.True(sources.Contains(WrapperCode.For(route), StringComparison.Ordinal), $"{function.Name} is not the generated wrapper:{Environment.NewLine}{WrapperCode.For(route)}");
        }
    }

    [Fact]
    public void No_file_in_functions_is_longer_than_120_lines()
    {
        var files = Directory.EnumerateFiles(FunctionsMetadata.FunctionsDirectory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToArray();
        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.True(File.ReadAllLines(f).Length <= 120, $"{f} has {File.ReadAllLines(f).Length} lines"));
    }

    private static void Regenerate(IReadOnlyList<HttpRoute> local)
    {
        var folder = Path.Combine(FunctionsMetadata.FunctionsDirectory, "Http");
        foreach (var stale in Directory.EnumerateFiles(folder, "*HttpFunctions.cs"))
        {
            File.Delete(stale);
        }

        foreach (var group in WrapperCode.Groups(local))
        {
            File.WriteAllText(Path.Combine(folder, group.Key + "HttpFunctions.cs"), WrapperCode.File(group.Key, group.ToArray()));
        }
    }
}
