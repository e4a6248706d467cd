using System.Globalization;
using System.Net.Http.Headers;
using Backoffice.Infra.Merchants;
using Backoffice.Infra.Jobs;
using Backoffice.Infra.Storage;
using Microsoft.Extensions.Logging;

namespace Backoffice.Infra.Status;

public enum StatusDeliveryResult
{
    /// <summary>The merchant answered 2xx.</summary>
    Delivered,

    /// <summary>The merchant has no status URL: nothing to deliver.</summary>
    NotWanted,

    /// <summary>It failed; a later attempt is queued with back-off.</summary>
    RetryScheduled,

    /// <summary>It failed for the last time (or cannot be sent as configured) and waits for a supervisor.</summary>
    DeadLettered,
}

/// <summary>
/// Delivers one status change to the merchant's status URL: a POST signed per Standard Webhooks with the merchant's
/// outbound secret. A failure queues the next attempt after an exponential back-off; after
/// <see cref="StatusDeliveryOptions.MaxAttempts"/> the message is dead-lettered where supervisors see and re-send it.
/// Both hosts run this: the local <see cref="StatusPump"/>, and in Azure the Service Bus and queue triggers.
/// </summary>
public sealed class StatusDelivery(
    IHttpClientFactory httpClients,
    MerchantStore merchants,
    StatusDeadLetters deadLetters,
    StorageClients clients,
    StatusDeliveryOptions options,
    TimeProvider clock,
    ILogger<StatusDelivery> logger)
{
    public const string HttpClientName = "status-delivery";

    /// <summary>Handles a queue message body (see <see cref="StatusQueueMessage"/>).</summary>
    public Task<StatusDeliveryResult> HandleAsync(string body, CancellationToken ct)
    {
        var attempt = StatusQueueMessage.Parse(body);
        return HandleAsync(attempt.Message, attempt.Attempt, ct);
    }

    public async Task<StatusDeliveryResult> HandleAsync(StatusMessage message, int attempt, CancellationToken ct)
    {
        var (merchant, secrets) = await merchants.FindForWebhookAsync(message.MerchantId, ct).ConfigureAwait(false);
        if (merchant is null || string.IsNullOrWhiteSpace(merchant.StatusUrl))
        {
            return StatusDeliveryResult.NotWanted;
        }

        if (Unsendable(merchant.StatusUrl, secrets?.Outbound) is { } problem)
        {
            // Retrying cannot fix configuration; a supervisor fixes it and re-sends.
            return await DeadLetterAsync(message, attempt, problem, null, ct).ConfigureAwait(false);
        }

        var signing = secrets!.OutboundSigning.Where(StandardWebhookSigner.IsUsableSecret).ToArray();
        var (delivered, statusCode, error, final) = await PostAsync(new Uri(merchant.StatusUrl), signing, message, ct).ConfigureAwait(false);
        if (delivered)
        {
            logger.LogInformation("Status {MessageId} of {MerchantId}/{OrderId} delivered (attempt {Attempt})", message.Id, message.MerchantId, message.OrderId, attempt);
            return StatusDeliveryResult.Delivered;
        }

        // A host that resolves to no public address is configuration too: no retry, a supervisor looks at it.
        if (attempt >= options.MaxAttempts || final)
        {
            return await DeadLetterAsync(message, attempt, error, statusCode, ct).ConfigureAwait(false);
        }

        var delay = options.RetryDelay(attempt);
        await clients.Queue(QueueNames.Status).SendMessageAsync(StatusQueueMessage.Format(message, attempt + 1), delay, cancellationToken: ct).ConfigureAwait(false);
        logger.LogWarning("Status {MessageId} of {MerchantId}/{OrderId} failed (attempt {Attempt}: {Error}); retrying in {Delay}",
            message.Id, message.MerchantId, message.OrderId, attempt, error, delay);
        return StatusDeliveryResult.RetryScheduled;
    }

    private async Task<StatusDeliveryResult> DeadLetterAsync(StatusMessage message, int attempt, string reason, int? statusCode, CancellationToken ct)
    {
        await deadLetters.AddAsync(message, attempt, reason, statusCode, clock.GetUtcNow(), ct).ConfigureAwait(false);
        logger.LogError("Status {MessageId} of {MerchantId}/{OrderId} dead-lettered after {Attempt} attempts: {Reason}",
            message.Id, message.MerchantId, message.OrderId, attempt, reason);
        return StatusDeliveryResult.DeadLettered;
    }

    private string? Unsendable(string statusUrl, string? outboundSecret)
    {
        // The same rule as at save time: a URL saved before the rule, or under another configuration, is caught here.
        if (StatusUrlPolicy.Problem(statusUrl, options.LoopbackAllowed, options.AllowPlainHttp) is { } problem)
        {
            return "The status URL is refused: " + problem;
        }

        return StandardWebhookSigner.IsUsableSecret(outboundSecret) ? null : "The merchant has no outbound webhook secret (whsec_...) to sign with.";
    }

    /// <summary>Signed with every valid outbound secret (current first), space-separated as Standard Webhooks allows.</summary>
    private async Task<(bool Delivered, int? StatusCode, string Error, bool Final)> PostAsync(Uri url, IReadOnlyList<string> secrets, StatusMessage message, CancellationToken ct)
    {
        var body = StatusWebhookPayload.Body(message);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("webhook-id", message.Id);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("webhook-signature", string.Join(' ', secrets.Select(secret => StandardWebhookSigner.Sign(secret, message.Id, timestamp, body))));
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            var code = (int)response.StatusCode;
            return response.IsSuccessStatusCode ? (true, code, string.Empty, false) : (false, code, $"The status URL answered {code}.", false);
        }
        catch (HttpRequestException ex) when (ex.InnerException is StatusTargetRefusedException refused)
        {
            return (false, null, refused.Message, true);
        }
        catch (HttpRequestException ex)
        {
            return (false, null, $"The status URL could not be reached ({ex.HttpRequestError}).", false);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return (false, null, $"The status URL did not answer within {options.Timeout.TotalSeconds:0} s.", false);
        }
    }
}
