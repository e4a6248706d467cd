using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Backoffice.Infra.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Backoffice.Infra.Jobs;

/// <summary>
/// At-least-once queue consumption: receive, handle, delete. A message is deleted only after its handler finished,
/// so a kill at any moment means redelivery; handlers are idempotent. Repeat failures go to the poison queue.
/// </summary>
public abstract class QueuePump(StorageClients clients, RunnerOptions options, ILogger logger, string queueName) : BackgroundService
{
    protected StorageClients Clients { get; } = clients;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queue = Clients.Queue(queueName);
        var poison = Clients.Queue(queueName + "-poison");
        await poison.CreateIfNotExistsAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var handled = await PumpOnceAsync(queue, poison, stoppingToken).ConfigureAwait(false);
                if (handled == 0)
                {
                    await Task.Delay(options.IdlePoll, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Queue {Queue} pump failed; retrying", queueName);
                await Task.Delay(options.IdlePoll, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Receives one batch and handles it; returns how many messages there were. Public for tests.</summary>
    public async Task<int> PumpOnceAsync(QueueClient queue, QueueClient poison, CancellationToken ct)
    {
        QueueMessage[] messages = await queue.ReceiveMessagesAsync(16, options.Visibility, ct).ConfigureAwait(false);
        await Task.WhenAll(messages.Select(m => HandleOneAsync(queue, poison, m, ct))).ConfigureAwait(false);
        return messages.Length;
    }

    protected abstract Task HandleAsync(string body, CancellationToken ct);

    private async Task HandleOneAsync(QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken ct)
    {
        try
        {
            if (message.DequeueCount > options.MaxDeliveries)
            {
                await poison.SendMessageAsync(message.Body.ToString(), ct).ConfigureAwait(false);
                logger.LogError("Message {MessageId} on {Queue} failed {Count} times; parked in the poison queue", message.MessageId, queueName, message.DequeueCount);
            }
            else
            {
                await HandleAsync(message.Body.ToString(), ct).ConfigureAwait(false);
            }

            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Handling message {MessageId} on {Queue} failed; it will be redelivered", message.MessageId, queueName);
        }
    }
}
