using System.Net;
using System.Net.Sockets;
using Backoffice.Infra.Storage;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Backoffice.Infra.Engine;

/// <summary>
/// The Durable Task sidecar of the local host: the gRPC task-hub server (from Microsoft.DurableTask.InProcessTestHost)
/// over <see cref="AzureStorageOrchestrationService"/> — the backend Durable Functions uses in Azure — on a loopback
/// port of its own. The Durable Task worker and client of this process talk to it over <see cref="Channel"/>. Pointed at
/// a real storage account, several hosts share the task hub's partitions (blob leases), as Functions instances do.
/// <para>
/// Started as the first hosted service, before the worker, and stopped after it (hosted services stop in reverse).
/// </para>
/// </summary>
public sealed class DurableSidecar : IHostedService, IAsyncDisposable
{
    private readonly OrderEngineOptions _options;
    private readonly StorageOptions _storage;
    private readonly ILoggerFactory _loggers;
    private readonly int _port;
    private WebApplication? _server;

    public DurableSidecar(OrderEngineOptions options, StorageOptions storage, ILoggerFactory loggers)
    {
        _options = options;
        _storage = storage;
        _loggers = loggers;
        Counter = new StorageOperationCounter();
        _port = FreeLoopbackPort();
        Channel = GrpcChannel.ForAddress($"http://127.0.0.1:{_port}", new GrpcChannelOptions { MaxReceiveMessageSize = 16 * 1024 * 1024 });
    }

    /// <summary>The worker's and client's connection to the sidecar (HTTP/2 without TLS, loopback only).</summary>
    public GrpcChannel Channel { get; }

    /// <summary>Storage requests the engine makes (kept apart from the application's).</summary>
    public StorageOperationCounter Counter { get; }

    /// <summary>The task hub's name: the storage prefix (test namespaces) and the configured hub.</summary>
    public string TaskHubName => (_storage.Prefix + _options.TaskHub).Replace("-", string.Empty, StringComparison.Ordinal);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var service = new AzureStorageOrchestrationService(Settings());
        await service.CreateIfNotExistsAsync().ConfigureAwait(false);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(_loggers);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, _port, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(o => o.MaxReceiveMessageSize = 16 * 1024 * 1024);
        builder.Services.AddSingleton<IOrchestrationService>(service);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(service);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        _server = builder.Build();
        _server.MapGrpcService<TaskHubGrpcServer>();
        await _server.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }

    private AzureStorageOrchestrationServiceSettings Settings()
    {
        var tables = new Azure.Data.Tables.TableClientOptions();
        var queues = new Azure.Storage.Queues.QueueClientOptions();
        var blobs = new Azure.Storage.Blobs.BlobClientOptions();
        foreach (var options in new Azure.Core.ClientOptions[] { tables, queues, blobs })
        {
            options.AddPolicy(Counter, Azure.Core.HttpPipelinePosition.PerCall);
        }

        StorageAccountClientProvider provider;
        if (!string.IsNullOrWhiteSpace(_storage.ConnectionString))
        {
            provider = new StorageAccountClientProvider(
                StorageServiceClientProvider.ForBlob(_storage.ConnectionString, blobs),
                StorageServiceClientProvider.ForQueue(_storage.ConnectionString, queues),
                StorageServiceClientProvider.ForTable(_storage.ConnectionString, tables));
        }
        else
        {
            var credential = StorageClients.Credential(_storage);
            provider = new StorageAccountClientProvider(
                StorageServiceClientProvider.ForBlob(_storage.BlobServiceUri!, credential, blobs),
                StorageServiceClientProvider.ForQueue(_storage.QueueServiceUri!, credential, queues),
                StorageServiceClientProvider.ForTable(_storage.TableServiceUri!, credential, tables));
        }

        return new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = TaskHubName,
            StorageAccountClientProvider = provider,
            PartitionCount = _options.PartitionCount,
            MaxQueuePollingInterval = _options.MaxQueuePollingInterval,
            LeaseInterval = _options.LeaseInterval,
            LeaseRenewInterval = _options.LeaseRenewInterval,
            LeaseAcquireInterval = _options.LeaseAcquireInterval,
            ControlQueueVisibilityTimeout = _options.MessageVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = _options.MessageVisibilityTimeout,
            MaxConcurrentTaskOrchestrationWorkItems = _options.MaxConcurrentOrchestrations,
            MaxConcurrentTaskActivityWorkItems = _options.MaxConcurrentActivities,
            LoggerFactory = _loggers,
        };
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
