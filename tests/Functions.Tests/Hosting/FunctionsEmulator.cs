using System.Net.Http.Headers;
using Backoffice.Api;
using Backoffice.Api.Auth;
using Backoffice.Functions.Hosting;
using Backoffice.Functions.Tests.Surface;
using Backoffice.Infra.Storage;
using Backoffice.Infra.Orders;
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
/// one route per HTTP function in functions.metadata (as the worker's endpoint data source maps them), each doing what
/// its wrapper does, with a recorder standing in for the Durable client's order engine. Shares storage and clock with a
/// local host.
/// </summary>
internal sealed class FunctionsEmulator : IAsyncDisposable
{
    private readonly IHost _host;

    private FunctionsEmulator(IHost host, RecordingEngine engine)
    {
        _host = host;
        Engine = engine;
    }

    public RecordingEngine Engine { get; }

    public IServiceProvider Services => _host.Services;

    /// <summary>
    /// A generic web host with the worker's own pipeline (routing, then the function endpoints, no authentication or
    /// authorization middleware in front: the API's runs inside <see cref="ApiEndpoints"/>), as the ASP.NET Core
    /// integration of the isolated worker sets it up.
    /// </summary>
    public static async Task<FunctionsEmulator> StartAsync(StorageOptions storage, FakeTimeProvider clock)
    {
        var engine = new RecordingEngine();
        var routes = FunctionsMetadata.Current.HttpRoutes().ToArray();
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
                })
                .Configure(app =>
                {
                    app.UseRouting();
                    app.UseEndpoints(endpoints =>
                    {
                        foreach (var (route, _) in routes)
                        {
                            endpoints.MapMethods(route.Pattern, [route.Method], async context =>
                            {
                                var result = await context.RequestServices.GetRequiredService<ApiEndpoints>().RunAsync(context.Request, route.Method, route.Pattern, engine);
                                await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
                            });
                        }
                    });
                }))
            .ConfigureLogging(l => l.ClearProviders())
            .Build();
        await host.StartAsync();
        return new FunctionsEmulator(host, engine);
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

    /// <summary>Stands in for <c>DurableOrderEngine</c> over the invocation's Durable client: records what the API asked.</summary>
    internal sealed class RecordingEngine : IOrderEngine
    {
        public List<string> Calls { get; } = [];

        public Task StartAsync(string merchantId, string orderId, bool mayExist, CancellationToken ct) =>
            Record($"start {merchantId}/{orderId} mayExist={mayExist}");

        public Task AnnounceAsync(string merchantId, string orderId, int version, CancellationToken ct) =>
            Record($"announce {merchantId}/{orderId} v{version}");

        public Task PurgeAsync(IEnumerable<(string MerchantId, string OrderId)> orders, CancellationToken ct) =>
            Record("purge " + string.Join(",", orders.Select(o => $"{o.MerchantId}/{o.OrderId}")));

        private Task Record(string call)
        {
            lock (Calls)
            {
                Calls.Add(call);
            }

            return Task.CompletedTask;
        }
    }
}
