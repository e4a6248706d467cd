using System.Text.Json;
using System.Text.RegularExpressions;
using Backoffice.Functions.Hosting;
using Backoffice.Infra.Jobs;
using Backoffice.Infra.Orders.Lifecycle;
using Backoffice.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Backoffice.Functions.Tests.Surface;

/// <summary>What functions/ must declare for the engine and the jobs to work, read from the SDK's functions.metadata.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class FunctionsSurfaceTests(AzuriteFixture azurite)
{
    private static FunctionsMetadata Surface => FunctionsMetadata.Current;

    [Fact]
    public void The_order_orchestrator_and_both_of_its_activities_are_declared_under_the_names_the_orchestration_uses()
    {
        var orchestrator = Assert.Single(Surface.WithTrigger("orchestrationTrigger"));
        Assert.Equal(OrderLifecycle.Name, orchestrator.Name);
        Assert.Equal(["orchestrationTrigger"], orchestrator.BindingTypes);

        var activities = Surface.WithTrigger("activityTrigger").ToArray();
        Assert.Equal(
            new[] { OrderLifecycle.Advance, OrderLifecycle.ReachDeadline }.Order(StringComparer.Ordinal),
            activities.Select(a => a.Name).Order(StringComparer.Ordinal));
        Assert.All(activities, a => Assert.Equal(["activityTrigger"], a.BindingTypes));
    }

    [Fact]
    public void Nothing_triggers_on_Service_Bus_and_the_queue_trigger_delivers_status_changes_from_the_apps_storage()
    {
        Assert.DoesNotContain(Surface.Functions, f => f.Bindings.Any(b => ((string)b["type"]!).StartsWith("serviceBus", StringComparison.OrdinalIgnoreCase)));
        var delivery = Assert.Single(Surface.WithTrigger("queueTrigger"));
        Assert.Equal("DeliverOrderStatus", delivery.Name);
        Assert.Equal(Backoffice.Infra.Storage.QueueNames.Status, (string?)delivery.Trigger["queueName"]);
        Assert.Equal("AzureWebJobsStorage", (string?)delivery.Trigger["connection"]);
    }

    [Fact]
    public void The_finished_order_purge_runs_daily_on_a_six_field_schedule_with_a_Durable_client()
    {
        var purge = Assert.Single(Surface.WithTrigger("timerTrigger"), f => f.Name == "FinishedOrderPurge");
        Assert.Equal(["timerTrigger", "durableClient"], purge.BindingTypes);
        var schedule = (string)purge.Trigger["schedule"]!;
        Assert.Equal(6, schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.NotNull(ScheduledJobRunner.Parse(schedule));
    }

    [Fact]
    public void Every_timer_reads_the_schedule_setting_of_its_job_which_bicep_sets_to_the_jobs_six_field_default()
    {
        var appSettings = LiteralAppSettings(File.ReadAllText(Path.Combine(AzuriteFixture.RepositoryRoot(), "bicep", "modules", "functionapp.bicep")));
        var timers = JobTimers().Select(f => (Function: f, Expression: (string)f.Trigger["schedule"]!, Job: f.Name)).ToArray();
        var schedules = timers.ToDictionary(t => t.Function.Name, t => ResolveAppSetting(t.Expression, appSettings), StringComparer.Ordinal);
        Assert.All(schedules.Values, schedule =>
        {
            Assert.Equal(6, schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
            Assert.NotNull(ScheduledJobRunner.Parse(schedule));
        });

        using var host = new BackofficeHost(azurite, settings: new Dictionary<string, string> { ["OrderEngine:Enabled"] = "false" });
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
            Assert.Equal(["timerTrigger"], timer.Function.BindingTypes);
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
        foreach (var timer in JobTimers())
        {
            var name = AppSettingName((string)timer.Trigger["schedule"]!);
            Assert.Equal(appSettings[name], values.GetProperty(name).GetString());
        }
    }

    [Fact]
    public void The_Service_Bus_entities_functions_uses_are_the_ones_bicep_creates()
    {
        var bicep = File.ReadAllText(Path.Combine(AzuriteFixture.RepositoryRoot(), "bicep", "modules", "servicebus.bicep"));
        foreach (var entity in new[]
        {
            ServiceBusNames.OrderStatusTopic, ServiceBusNames.MerchantWebhooksSubscription,
            ServiceBusNames.FinanceReportsTopic, ServiceBusNames.StockChangedTopic,
        })
        {
            Assert.Contains($"name: '{entity}'", bicep, StringComparison.Ordinal);
        }

        var functionApp = File.ReadAllText(Path.Combine(AzuriteFixture.RepositoryRoot(), "bicep", "modules", "functionapp.bicep"));
        Assert.Contains($"'{ServiceBusNames.Connection}__fullyQualifiedNamespace'", functionApp, StringComparison.Ordinal);
        Assert.Contains("'AzureWebJobsStorage__queueServiceUri'", functionApp, StringComparison.Ordinal);
    }

    [Fact]
    public void Host_json_configures_the_task_hub_versioning_polling_identity_based_storage_plain_queue_messages_and_the_api_prefix()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(AzuriteFixture.RepositoryRoot(), "host.json")));
        var extensions = host.RootElement.GetProperty("extensions");
        Assert.Equal("2.0", host.RootElement.GetProperty("version").GetString());
        Assert.Equal(FunctionsMetadata.RoutePrefix, extensions.GetProperty("http").GetProperty("routePrefix").GetString());
        var durable = extensions.GetProperty("durableTask");
        var storage = durable.GetProperty("storageProvider");
        // The local host's sidecar uses the same hub name (OrderEngineOptions.TaskHub), so both read the same history.
        Assert.Equal(new Backoffice.Infra.Engine.OrderEngineOptions().TaskHub, durable.GetProperty("hubName").GetString());
        Assert.Equal("AzureWebJobsStorage", storage.GetProperty("connectionName").GetString());
        Assert.Equal("00:00:01", storage.GetProperty("maxQueuePollingInterval").GetString());

        // In-flight orders outlive deployments: new ones start under the current version, a worker runs it and older ones.
        Assert.Equal(OrderLifecycleVersions.Current, durable.GetProperty("defaultVersion").GetString());
        Assert.Equal("CurrentOrOlder", durable.GetProperty("versionMatchStrategy").GetString());
        Assert.Equal("Reject", durable.GetProperty("versionFailureStrategy").GetString());

        // The app's queues carry raw JSON (StorageClients uses no encoding); the queue trigger must read it as such.
        Assert.Equal("none", extensions.GetProperty("queues").GetProperty("messageEncoding").GetString());
        Assert.False(extensions.TryGetProperty("serviceBus", out _), "nothing triggers on Service Bus");

        var project = File.ReadAllText(Path.Combine(FunctionsMetadata.FunctionsDirectory, "Backoffice.Functions.csproj"));
        Assert.Contains(@"Include=""..\host.json""", project, StringComparison.Ordinal);
    }

    [Fact]
    public void Program_builds_the_Functions_host_from_the_shared_composition()
    {
        var program = File.ReadAllText(Path.Combine(FunctionsMetadata.FunctionsDirectory, "Program.cs"));

        Assert.Contains("FunctionsApplication.CreateBuilder(args)", program, StringComparison.Ordinal);
        Assert.Contains(".ConfigureFunctionsWebApplication()", program, StringComparison.Ordinal);
        Assert.Contains(".AddBackofficeApi(configuration, builder.Environment)", program, StringComparison.Ordinal);
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

    /// <summary>The timers of the scheduled jobs (all but the purge, which needs a Durable client rather than a job).</summary>
    private static IEnumerable<FunctionEntry> JobTimers() => Surface.WithTrigger("timerTrigger").Where(f => f.Name != "FinishedOrderPurge");
}
