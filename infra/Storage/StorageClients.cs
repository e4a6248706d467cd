using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Backoffice.Infra.Storage;

/// <summary>The three storage service clients, built once, with an operation counter in their pipelines.</summary>
public sealed class StorageClients
{
    public StorageClients(StorageOptions options, StorageOperationCounter? counter = null)
    {
        Options = options;
        Counter = counter ?? new StorageOperationCounter();
        var tableOptions = new TableClientOptions();
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None };
        var blobOptions = new BlobClientOptions();
        foreach (ClientOptions o in new ClientOptions[] { tableOptions, queueOptions, blobOptions })
        {
            o.AddPolicy(Counter, HttpPipelinePosition.PerCall);
            o.Retry.MaxRetries = 5;
            o.Retry.Mode = RetryMode.Exponential;
            o.Retry.Delay = TimeSpan.FromMilliseconds(100);
        }

        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            Tables = new TableServiceClient(options.ConnectionString, tableOptions);
            Queues = new QueueServiceClient(options.ConnectionString, queueOptions);
            Blobs = new BlobServiceClient(options.ConnectionString, blobOptions);
        }
        else
        {
            if (options.TableServiceUri is null || options.QueueServiceUri is null || options.BlobServiceUri is null)
            {
                throw new InvalidOperationException(
                    "Storage needs either Storage:ConnectionString or all of Storage:TableServiceUri, QueueServiceUri and BlobServiceUri.");
            }

            var credential = Credential(options);
            Tables = new TableServiceClient(options.TableServiceUri, credential, tableOptions);
            Queues = new QueueServiceClient(options.QueueServiceUri, credential, queueOptions);
            Blobs = new BlobServiceClient(options.BlobServiceUri, credential, blobOptions);
        }
    }

    public StorageOptions Options { get; }

    /// <summary>The managed identity (user-assigned when its client id is set) every identity-based connection uses.</summary>
    public static TokenCredential Credential(StorageOptions options) => string.IsNullOrWhiteSpace(options.ManagedIdentityClientId)
        ? new DefaultAzureCredential()
        : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId));

    public StorageOperationCounter Counter { get; }

    public TableServiceClient Tables { get; }

    public QueueServiceClient Queues { get; }

    public BlobServiceClient Blobs { get; }

    public TableClient Table(string name) => Tables.GetTableClient(Options.Prefix + name);

    public QueueClient Queue(string name) => Queues.GetQueueClient((Options.Prefix + name).ToLowerInvariant());

    public BlobContainerClient Container(string name) => Blobs.GetBlobContainerClient((Options.Prefix + name).ToLowerInvariant());
}

/// <summary>Counts every storage request that leaves the process: a deterministic cost figure for benchmarks.</summary>
public sealed class StorageOperationCounter : HttpPipelinePolicy
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Interlocked.Increment(ref _count);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Interlocked.Increment(ref _count);
        return ProcessNextAsync(message, pipeline);
    }
}
