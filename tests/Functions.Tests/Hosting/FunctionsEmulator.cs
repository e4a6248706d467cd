using System.Net.Http.Headers;
using Backoffice.Api;
using Backoffice.Api.Auth;
using Backoffice.Api.Webhooks;
using Backoffice.Core.Orders;
using Backoffice.Functions.Hosting;
using Backoffice.Functions.Tests.Surface;
using Backoffice.Infra.Storage;
using Backoffice.Infra.Workflow;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Backoffice.Functions.Tests.Hosting;

/// <summary>
/// The Functions host's HTTP side without the Functions runtime: the app composed as functions/Program composes it,
/// one route per [HttpTrigger] read from functions/ (as the worker's endpoint data source maps them), each doing what
/// its wrapper does. Durable and Service Bus are replaced by recorders. Shares storage and clock with a local host.
/// </summary>
internal sealed class FunctionsEmulator : IAsyncDisposable
{
    private readonly IHost _host;

    private FunctionsEmulator(IHost host, RecordingWorkflow workflow, RecordingIntake intake)
    {
        _host = host;
        Workflow = workflow;
        Intake = intake;
    }

    public RecordingWorkflow Workflow { get; }

    public RecordingIntake Intake { get; }

    public IServiceProvider Services => _host.Services;

    /// <summary>
    /// A generic web host with the worker's own pipeline (routing, then the function endpoints, no authentication or
    /// authorization middleware in front: the API's runs inside <see cref="ApiEndpoints"/>), as the ASP.NET Core
    /// integration of the isolated worker sets it up.
    /// </summary>
    public static async Task<FunctionsEmulator> StartAsync(StorageOptions storage, FakeTimeProvider clock)
    {
        var workflow = new RecordingWorkflow();
        var intake = new RecordingIntake();
        var routes = FunctionsSurface.Current.HttpRoutes().ToArray();
        var host = new HostBuilder()
            .UseEnvironment(Environments.Development)
            .ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:ConnectionString"] = storage.ConnectionString,
                ["Storage:Prefix"] = storage.Prefix,
            }).AddFunctionsHostSettings())
            .ConfigureWebHost(web => web
                .UseTestServer()
                .ConfigureServices((context, services) =>
                {
                    services.AddSingleton<TimeProvider>(clock);
                    services.AddBackofficeApi(context.Configuration, context.HostingEnvironment);
                    services.AddFunctionsHost();
                    services.AddSingleton<IOrderIntakeQueue>(intake);
                })
                .Configure(app =>
                {
                    app.UseRouting();
                    app.UseEndpoints(endpoints =>
                    {
                        foreach (var (route, function) in routes)
                        {
                            var format = function.Calls("HandleAsync").SingleOrDefault() is { } call
                                ? Enum.Parse<WebhookFormat>(call.ArgumentList.Arguments[2].Expression.ToString().Split('.')[^1])
                                : (WebhookFormat?)null;
                            endpoints.MapMethods(route.Pattern, [route.Method], async context =>
                            {
                                var result = format is { } f
                                    ? await context.RequestServices.GetRequiredService<QueuedWebhookIntake>().HandleAsync(context.Request, (string)context.Request.RouteValues["merchantId"]!, f)
                                    : await context.RequestServices.GetRequiredService<ApiEndpoints>().RunAsync(context.Request, route.Method, route.Pattern, workflow);
                                await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
                            });
                        }
                    });
                }))
            .ConfigureLogging(l => l.ClearProviders())
            .Build();
        await host.StartAsync();
        return new FunctionsEmulator(host, workflow, intake);
    }

    public HttpClient Anonymous() => _host.GetTestClient();

    public HttpClient As(string role, string? merchantId = null)
    {
        var client = _host.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _host.Services.GetRequiredService<DevTokenIssuer>().Issue(role, merchantId));
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    /// <summary>Stands in for Durable's RaiseEventAsync.</summary>
    internal sealed class RecordingWorkflow : IOrderWorkflowClient
    {
        public List<(string InstanceId, OrderCommandMessage Command)> Raised { get; } = [];

        public Task RaiseCommandAsync(string instanceId, OrderCommandMessage command, CancellationToken ct)
        {
            lock (Raised)
            {
                Raised.Add((instanceId, command));
            }

            return Task.CompletedTask;
        }
    }

    /// <summary>Stands in for the orders-inbound Service Bus queue.</summary>
    internal sealed class RecordingIntake : IOrderIntakeQueue
    {
        public List<PlaceOrder> Queued { get; } = [];

        public Task EnqueueAsync(PlaceOrder order, CancellationToken ct)
        {
            lock (Queued)
            {
                Queued.Add(order);
            }

            return Task.CompletedTask;
        }
    }
}
