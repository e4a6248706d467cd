using System.Text.Json;
using System.Text.RegularExpressions;
using Backoffice.Functions.Hosting;
using Backoffice.Functions.Tests.CompileCheck;
using Backoffice.Functions.Tests.Conformance;
using Backoffice.Functions.Tests.Workflow;
using Backoffice.Infra.Jobs;
using Backoffice.Infra.Workflow;
using Backoffice.Testing;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Backoffice.Functions.Tests.Surface;

/// <summary>What functions/ must declare for the engine and the jobs to work, read from its source.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class FunctionsSurfaceTests(AzuriteFixture azurite)
{
    private static FunctionsSurface Surface => FunctionsSurface.Current;

    [Fact]
    public void Every_activity_the_order_loop_calls_has_an_activity_trigger()
    {
        var called = new HashSet<string>(StringComparer.Ordinal);
        foreach (var scenario in OrderScenarios.All)
        {
            var context = new FakeOrderWorkflowContext(scenario.Place.Now, (_, _) => Task.CompletedTask);
            context.Start(scenario.Place);
            foreach (var step in scenario.Steps)
            {
                if (step is Issue issue)
                {
                    context.Raise(issue.Command);
                }
                else if (step is ClockAt clock)
                {
                    context.AdvanceTo(clock.At);
                }
            }

            called.UnionWith(context.ActivityCalls.Select(c => c.Name));
        }

        var triggers = Surface.WithTrigger("ActivityTrigger").Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(OrderActivityNames.All.Order(StringComparer.Ordinal), called.Order(StringComparer.Ordinal));
        Assert.Equal(called.Order(StringComparer.Ordinal), triggers.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_orchestrator_is_declared_under_the_name_the_intake_starts()
    {
        var orchestrator = Assert.Single(Surface.WithTrigger("OrchestrationTrigger"));
        Assert.Equal(OrderOrchestration.Name, orchestrator.Name);
        Assert.Contains("OrderOrchestration.RunAsync", orchestrator.Method.ToString(), StringComparison.Ordinal);

        var intake = Assert.Single(Surface.WithTrigger("ServiceBusTrigger"), f => f.Argument(0) == ServiceBusNames.OrdersInbound);
        Assert.Contains("OrderOrchestration.Name", intake.Method.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_timer_reads_the_schedule_setting_of_its_job_which_bicep_sets_to_the_jobs_six_field_default()
    {
        var appSettings = LiteralAppSettings(File.ReadAllText(Path.Combine(AzuriteFixture.RepositoryRoot(), "bicep", "modules", "functionapp.bicep")));
        var timers = Surface.WithTrigger("TimerTrigger").Select(f => (Function: f, Expression: f.Argument(0)!, Job: JobName(f))).ToArray();
        var schedules = timers.ToDictionary(t => t.Function.Name, t => ResolveAppSetting(t.Expression, appSettings), StringComparer.Ordinal);
        Assert.All(schedules.Values, schedule =>
        {
            Assert.Equal(6, schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
            Assert.NotNull(ScheduledJobRunner.Parse(schedule));
        });

        using var host = new BackofficeHost(azurite);
        var jobs = host.Services.GetServices<IScheduledJob>().ToArray();
        // The worker sees the app settings as configuration (Jobs__X__Schedule is Jobs:X:Schedule), as the host does.
        var worker = new ScheduledJobs(
            jobs,
            new ConfigurationBuilder().AddInMemoryCollection(appSettings.ToDictionary(s => s.Key.Replace("__", ":", StringComparison.Ordinal), s => (string?)s.Value)).Build(),
            TimeProvider.System,
            NullLogger<ScheduledJobs>.Instance);
        foreach (var job in jobs)
        {
            var timer = Assert.Single(timers, t => t.Job == job.Name);
            Assert.Equal(job.Name, timer.Function.Name);
            Assert.Equal($"%Jobs:{job.Name}:Schedule%", timer.Expression);
            Assert.Equal(job.DefaultSchedule, schedules[timer.Function.Name]);
            Assert.Equal(schedules[timer.Function.Name], worker.ScheduleOf(job));
        }

        Assert.Equal(
            ["KpiRollup", "MonthlyInvoice", "StockOutboxSweep", "WeeklySettlement"],
            jobs.Select(j => j.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_Core_Tools_settings_example_defines_every_timer_schedule_as_bicep_does()
    {
        var appSettings = LiteralAppSettings(File.ReadAllText(Path.Combine(AzuriteFixture.RepositoryRoot(), "bicep", "modules", "functionapp.bicep")));
        using var example = JsonDocument.Parse(File.ReadAllText(Path.Combine(AzuriteFixture.RepositoryRoot(), "local.settings.json.example")));
        var values = example.RootElement.GetProperty("Values");

        // func start refuses to index a timer whose %setting% does not resolve.
        foreach (var timer in Surface.WithTrigger("TimerTrigger"))
        {
            var name = AppSettingName(timer.Argument(0)!);
            Assert.Equal(appSettings[name], values.GetProperty(name).GetString());
        }
    }

    [Fact]
    public void The_Service_Bus_entities_functions_uses_are_the_ones_bicep_creates()
    {
        var bicep = File.ReadAllText(Path.Combine(AzuriteFixture.RepositoryRoot(), "bicep", "modules", "servicebus.bicep"));
        foreach (var entity in new[]
        {
            ServiceBusNames.OrdersInbound, ServiceBusNames.OrderStatusTopic, ServiceBusNames.MerchantWebhooksSubscription,
            ServiceBusNames.FinanceReportsTopic, ServiceBusNames.StockChangedTopic,
        })
        {
            Assert.Contains($"name: '{entity}'", bicep, StringComparison.Ordinal);
        }

        var functionApp = File.ReadAllText(Path.Combine(AzuriteFixture.RepositoryRoot(), "bicep", "modules", "functionapp.bicep"));
        Assert.Contains($"'{ServiceBusNames.Connection}__fullyQualifiedNamespace'", functionApp, StringComparison.Ordinal);
        Assert.Contains("'AzureWebJobsStorage__queueServiceUri'", functionApp, StringComparison.Ordinal);
        Assert.All(Surface.WithTrigger("ServiceBusTrigger"), f => Assert.Equal(ServiceBusNames.Connection, f.Named("Connection")));
        Assert.All(Surface.WithTrigger("QueueTrigger"), f => Assert.Equal("AzureWebJobsStorage", f.Named("Connection")));
    }

    [Fact]
    public void Host_json_configures_the_task_hub_identity_based_storage_plain_queue_messages_and_the_api_prefix()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(AzuriteFixture.RepositoryRoot(), "host.json")));
        var extensions = host.RootElement.GetProperty("extensions");
        Assert.Equal("2.0", host.RootElement.GetProperty("version").GetString());
        Assert.Equal(FunctionsSurface.RoutePrefix, extensions.GetProperty("http").GetProperty("routePrefix").GetString());
        Assert.False(string.IsNullOrEmpty(extensions.GetProperty("durableTask").GetProperty("hubName").GetString()));
        Assert.Equal("AzureWebJobsStorage", extensions.GetProperty("durableTask").GetProperty("storageProvider").GetProperty("connectionName").GetString());

        // The app's queues carry raw JSON (StorageClients uses no encoding); the queue trigger must read it as such.
        Assert.Equal("none", extensions.GetProperty("queues").GetProperty("messageEncoding").GetString());
        Assert.True(extensions.TryGetProperty("serviceBus", out _));

        var project = File.ReadAllText(Path.Combine(FunctionsCompilation.FunctionsDirectory, "Backoffice.Functions.csproj"));
        Assert.Contains(@"Include=""..\host.json""", project, StringComparison.Ordinal);
    }

    [Fact]
    public void Program_builds_the_Functions_host_from_the_shared_composition()
    {
        var program = Surface.Compilation.SyntaxTrees.Single(t => t.FilePath.EndsWith($"functions{Path.DirectorySeparatorChar}Program.cs", StringComparison.Ordinal)).ToString();

        Assert.Contains("FunctionsApplication.CreateBuilder(args)", program, StringComparison.Ordinal);
        Assert.Contains(".ConfigureFunctionsWebApplication()", program, StringComparison.Ordinal);
        Assert.Contains(".AddBackofficeApi(configuration, environment)", program, StringComparison.Ordinal);
        Assert.Contains(".AddFunctionsHost()", program, StringComparison.Ordinal);
        Assert.True(
            program.IndexOf(".AddFunctionsHostSettings()", StringComparison.Ordinal) is > 0 and var settings
                && settings < program.IndexOf(".AddBackofficeApi(", StringComparison.Ordinal),
            "the Functions host settings are added before the shared composition reads the configuration");
    }

    /// <summary>The app setting a <c>%Name%</c> binding expression names, spelt as an app setting (<c>:</c> is <c>__</c>).</summary>
    private static string AppSettingName(string expression)
    {
        Assert.Matches("^%[^%]+%$", expression);
        return expression.Trim('%').Replace(":", "__", StringComparison.Ordinal);
    }

    private static string ResolveAppSetting(string expression, IReadOnlyDictionary<string, string> appSettings)
    {
        var name = AppSettingName(expression);
        Assert.True(appSettings.TryGetValue(name, out var value), $"bicep/modules/functionapp.bicep sets no app setting {name} (the timer could not start)");
        return value;
    }

    /// <summary>The app settings of the function app with a literal value: <c>name: '...'</c> followed by <c>value: '...'</c>.</summary>
    private static Dictionary<string, string> LiteralAppSettings(string bicep) =>
        Regex.Matches(bicep, @"name:\s*'(?<name>[^']+)'\s*\n\s*value:\s*'(?<value>[^']*)'")
            .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value, StringComparer.Ordinal);

    private static string? JobName(FunctionDeclaration timer) =>
        timer.Calls("RunAsync").Select(c => c.ArgumentList.Arguments.FirstOrDefault()?.Expression).OfType<ExpressionSyntax>()
            .Select(e => FunctionsSurface.Constant(e, timer.Model)).FirstOrDefault();
}
