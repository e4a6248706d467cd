using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Backoffice.Infra.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Backoffice.Infra.Status;

/// <summary>
/// The local host's status delivery: drains <see cref="QueueNames.Status"/>, each message on its own. It used to
/// receive a batch and wait for all of it, so one merchant whose endpoint hung for the whole timeout held up every
/// other merchant's statuses behind it (39 s instead of 0.3 s, issue 15 item 15). Now:
/// <list type="bullet">
/// <item>every message is delivered independently (its own HTTP timeout, <see cref="StatusDeliveryOptions.Timeout"/>)
/// and the loop receives more as soon as any slot is free — it never waits for a batch;</item>
/// <item>at most <see cref="StatusDeliveryOptions.MaxConcurrentDeliveries"/> deliveries run at once, and at most
/// <see cref="StatusDeliveryOptions.MaxConcurrentPerMerchant"/> of one merchant: a message of a merchant already at its
/// limit goes back to the queue for <see cref="StatusDeliveryOptions.BusyMerchantDelay"/> (as a new message, so the
/// wait does not count as a failed delivery), so a hanging merchant only ever occupies its own slots.</item>
/// </list>
/// A message is deleted once it is delivered, re-queued with back-off, or dead-lettered; only a storage failure leaves
/// it for redelivery (and after <see cref="StatusDeliveryOptions.MaxDequeues"/> redeliveries, the poison queue).
/// </summary>
public sealed class StatusPump(StorageClients clients, StatusDeliveryOptions options, StatusDelivery delivery, ILogger<StatusPump> logger) : BackgroundService
{
    private readonly Dictionary<string, int> _inFlight = new(StringComparer.Ordinal);

    /// <summary>Deliveries running now, by merchant (for tests and diagnostics).</summary>
    public int InFlight(string merchantId)
    {
        lock (_inFlight)
        {
            return _inFlight.GetValueOrDefault(merchantId);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queue = clients.Queue(QueueNames.Status);
        var poison = clients.Queue(QueueNames.Status + "-poison");
        await poison.CreateIfNotExistsAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
        using var slots = new SemaphoreSlim(options.MaxConcurrentDeliveries, options.MaxConcurrentDeliveries);
        while (!stoppingToken.IsCancellationRequested)
        {
            var taken = 0;
            try
            {
                await slots.WaitAsync(stoppingToken).ConfigureAwait(false);
                taken = 1;
                while (taken < 32 && slots.Wait(0))
                {
                    taken++;
                }

                QueueMessage[] messages = await queue.ReceiveMessagesAsync(taken, Visibility, stoppingToken).ConfigureAwait(false);
                foreach (var message in messages)
                {
                    taken--;
                    _ = DeliverInSlotAsync(queue, poison, message, slots, stoppingToken);
                }

                if (messages.Length == 0)
                {
                    slots.Release(taken);
                    taken = 0;
                    await Task.Delay(options.IdlePoll, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Status pump failed; retrying");
                await Task.Delay(options.IdlePoll, stoppingToken).ConfigureAwait(false);
            }
            finally
            {
                if (taken > 0)
                {
                    slots.Release(taken);
                }
            }
        }
    }

    /// <summary>Receives one batch and delivers each message of it independently; returns how many there were. For tests.</summary>
    public async Task<int> PumpOnceAsync(QueueClient queue, QueueClient poison, CancellationToken ct)
    {
        QueueMessage[] messages = await queue.ReceiveMessagesAsync(16, Visibility, ct).ConfigureAwait(false);
        await Task.WhenAll(messages.Select(m => HandleOneAsync(queue, poison, m, ct))).ConfigureAwait(false);
        return messages.Length;
    }

    /// <summary>Longer than one delivery may take, so a message being delivered is not handed out twice.</summary>
    private TimeSpan Visibility => options.Timeout + TimeSpan.FromSeconds(30);

    private async Task DeliverInSlotAsync(QueueClient queue, QueueClient poison, QueueMessage message, SemaphoreSlim slots, CancellationToken ct)
    {
        try
        {
            await HandleOneAsync(queue, poison, message, ct).ConfigureAwait(false);
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task HandleOneAsync(QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken ct)
    {
        var body = message.Body.ToString();
        string? merchantId = null;
        try
        {
            if (message.DequeueCount > options.MaxDequeues)
            {
                await poison.SendMessageAsync(body, ct).ConfigureAwait(false);
                logger.LogError("Status message {MessageId} failed {Count} times; parked in the poison queue", message.MessageId, message.DequeueCount);
            }
            else
            {
                merchantId = StatusQueueMessage.Parse(body).Message.MerchantId;
                if (!TryEnter(merchantId))
                {
                    // The merchant has all its slots busy (a slow or hanging endpoint): its message waits, nobody else's does.
                    merchantId = null;
                    await queue.SendMessageAsync(body, options.BusyMerchantDelay, cancellationToken: ct).ConfigureAwait(false);
                }
                else
                {
                    await delivery.HandleAsync(body, ct).ConfigureAwait(false);
                }
            }

            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Status message {MessageId} failed; it will be redelivered", message.MessageId);
        }
        finally
        {
            if (merchantId is not null)
            {
                Leave(merchantId);
            }
        }
    }

    private bool TryEnter(string merchantId)
    {
        lock (_inFlight)
        {
            var running = _inFlight.GetValueOrDefault(merchantId);
            if (running >= options.MaxConcurrentPerMerchant)
            {
                return false;
            }

            _inFlight[merchantId] = running + 1;
            return true;
        }
    }

    private void Leave(string merchantId)
    {
        lock (_inFlight)
        {
            if (_inFlight.TryGetValue(merchantId, out var running) && running > 1)
            {
                _inFlight[merchantId] = running - 1;
            }
            else
            {
                _inFlight.Remove(merchantId);
            }
        }
    }
}
