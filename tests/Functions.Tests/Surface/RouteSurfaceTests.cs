using System.Text;
using Backoffice.Functions.Tests.CompileCheck;
using Backoffice.Testing;
using Xunit;

namespace Backoffice.Functions.Tests.Surface;

[Collection(AzuriteCollection.Name)]
public sealed class RouteSurfaceTests(AzuriteFixture azurite)
{
    [Fact]
    public void The_HTTP_routes_in_functions_equal_the_local_hosts_routes()
    {
        // Optional routes (diagnostics for the load generator) are switched on, so the comparison covers every route either host can serve.
        using var host = new BackofficeHost(azurite, settings: new Dictionary<string, string> { ["Diagnostics:Enabled"] = "true" });
        var local = LocalApiRoutes.Of(host);
        if (Environment.GetEnvironmentVariable("FUNCTIONS_REGENERATE_HTTP") == "1")
        {
            Regenerate(local);
        }

        var functions = FunctionsSurface.Load().HttpRoutes().Select(r => r.Route).ToHashSet();
        var missing = local.Except(functions).ToArray();
        var extra = functions.Except(local).OrderBy(r => r.Pattern, StringComparer.Ordinal).ToArray();
        var report = new StringBuilder();
        if (missing.Length > 0)
        {
            report.AppendLine("Routes the local host serves and functions/ does not (FUNCTIONS_REGENERATE_HTTP=1 rewrites functions/Http); wrappers:");
            foreach (var group in missing.GroupBy(WrapperCode.Group))
            {
                report.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"// {group.Key}HttpFunctions");
                foreach (var route in group)
                {
                    report.AppendLine(WrapperCode.For(route));
                }
            }
        }

        if (extra.Length > 0)
        {
            report.AppendLine("Routes in functions/ the local host does not serve: " + string.Join(", ", extra.Select(r => r.ToString())));
        }

        Assert.True(missing.Length == 0 && extra.Length == 0, report.ToString());
        Assert.Contains(new HttpRoute("POST", "/api/orders/{merchantId}/{orderId}/confirm"), local);
    }

    [Fact]
    public void Every_HTTP_wrapper_hands_its_own_route_to_the_API_or_the_queued_intake()
    {
        foreach (var (route, function) in FunctionsSurface.Current.HttpRoutes())
        {
            var run = function.Calls("RunAsync").SingleOrDefault();
            var intake = function.Calls("HandleAsync").SingleOrDefault();
            Assert.True(run is not null ^ intake is not null, $"{function.Name} must hand over to exactly one of api.RunAsync or intake.HandleAsync.");
            if (run is not null)
            {
                var arguments = run.ArgumentList.Arguments;
                Assert.Equal(route.Method, FunctionsSurface.Constant(arguments[1].Expression, function.Model));
                Assert.Equal(route.Pattern, FunctionsSurface.Constant(arguments[2].Expression, function.Model));
            }
            else
            {
                Assert.StartsWith("/api/webhooks/{merchantId}/", route.Pattern, StringComparison.Ordinal);
            }

            Assert.Equal(WrapperCode.FunctionName(route), function.Name);
        }
    }

    private static void Regenerate(IReadOnlyList<HttpRoute> local)
    {
        var folder = Path.Combine(FunctionsCompilation.FunctionsDirectory, "Http");
        foreach (var stale in Directory.EnumerateFiles(folder, "*HttpFunctions.cs"))
        {
            File.Delete(stale);
        }

        foreach (var group in local.GroupBy(WrapperCode.Group))
        {
            File.WriteAllText(Path.Combine(folder, group.Key + "HttpFunctions.cs"), WrapperCode.File(group.Key, group.ToArray()));
        }
    }
}
