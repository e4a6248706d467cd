using Backoffice.Infra.Jobs;
using Backoffice.Infra.Storage;
using Microsoft.Extensions.Logging;

namespace Backoffice.Infra.Status;

/// <summary>
/// The local host's status delivery: drains <see cref="QueueNames.Status"/>. A message is deleted once it is delivered,
/// re-queued with back-off, or dead-lettered; only a storage failure leaves it for redelivery.
/// </summary>
public sealed class StatusPump(StorageClients clients, RunnerOptions options, ILogger<StatusPump> logger, StatusDelivery delivery)
    : QueuePump(clients, options, logger, QueueNames.Status)
{
    protected override Task HandleAsync(string body, CancellationToken ct) => delivery.HandleAsync(body, ct);
}
