using Backoffice.Infra.Jobs;
using Backoffice.Infra.Storage;

namespace Backoffice.Infra.Status;

/// <summary>The local channel: the <see cref="QueueNames.Status"/> queue that <see cref="StatusPump"/> drains.</summary>
public sealed class QueueStatusChannel(StorageClients clients) : IStatusChannel
{
    public Task PublishAsync(StatusMessage message, CancellationToken ct) =>
        clients.Queue(QueueNames.Status).SendMessageAsync(StatusQueueMessage.Format(message, attempt: 1), ct);
}
