using Backoffice.Api.Abuse;
using System.Globalization;
using Backoffice.Api.Problems;
using Backoffice.Api.Webhooks;
using Backoffice.Contracts.Kpi;
using Backoffice.Core.Kpi;
using Backoffice.Core.Merchants;
using Backoffice.Infra.Kpi;
using Backoffice.Infra.Merchants;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Backoffice.Api.Kpi;

/// <summary>
/// Daily traffic from a storefront, signed per Standard Webhooks like the order webhook. Checks run cheapest first
/// and nothing is stored until all passed: merchant id shape 404, size 413, merchant 404, signature 401, media type
/// 415, JSON 400, fields 422. Idempotent per delivery id; a report with a later <c>webhook-timestamp</c> for the same
/// day replaces the value (an older one arriving late is <c>superseded</c>), and every accepted report stays in the history.
/// </summary>
public sealed class TrafficWebhook(MerchantStore merchants, TrafficStore traffic, TimeProvider clock, ILogger<TrafficWebhook> logger, RefusedSignatureLog refusals)
{
    public const int BodyLimit = 16 * 1024;
    public const long MaxVisits = 1_000_000_000_000;
    private static readonly DateOnly Earliest = new(2000, 1, 1);

    public async Task<IResult> HandleAsync(string merchantId, HttpContext http)
    {
        var request = http.Request;
        var ct = http.RequestAborted;
        if (!MerchantIds.IsValid(merchantId))
        {
            return Problems.Problems.UnknownMerchant();
        }

        var body = await JsonBody.ReadLimitedAsync(request, BodyLimit, ct).ConfigureAwait(false);
        if (body is null)
        {
            return Problems.Problems.TooLarge(BodyLimit);
        }

        var (merchant, secrets) = await merchants.FindForWebhookAsync(merchantId, ct).ConfigureAwait(false);
        if (merchant is null || !merchant.Active || secrets is null)
        {
            return Problems.Problems.UnknownMerchant();
        }

        var headers = request.Headers;
        var deliveryId = Single(headers["webhook-id"]);
        var timestamp = Single(headers["webhook-timestamp"]);
        var signatureProblem = WebhookSignatures.VerifyStandard(
            deliveryId, timestamp, Single(headers["webhook-signature"]), body, secrets.Inbound, clock.GetUtcNow());
        if (signatureProblem is not null)
        {
            refusals.Refused(merchantId, "traffic webhook", signatureProblem);
            return Problems.Problems.Signature(signatureProblem);
        }

        if (!JsonBody.IsJson(request))
        {
            return Problems.Problems.UnsupportedMediaType();
        }

        var (payload, problem) = JsonBody.Parse<TrafficPayload>(body);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new FieldErrors();
        var date = ValidDate(payload!.Date, merchant, errors);
        var visits = payload.Visits;
        if (visits is null)
        {
            errors.Add("visits", "Required.");
        }
        else if (visits < 0 || visits > MaxVisits)
        {
            errors.Add("visits", $"Must be a whole number from 0 to {MaxVisits}.");
        }

        if (errors.Any || date is null)
        {
            return Problems.Problems.Validation(errors.ToDictionary());
        }

        // The signature check has parsed the timestamp already (Unix seconds within the tolerance), and it is signed:
        // the sender's own clock says which of two reports is newer, not the order they happen to arrive in.
        var sentAt = DateTimeOffset.FromUnixTimeSeconds(long.Parse(timestamp!, NumberStyles.None, CultureInfo.InvariantCulture));
        var (outcome, value) = await traffic.RecordAsync(merchantId, date.Value, visits!.Value, deliveryId!, sentAt, ct).ConfigureAwait(false);
        logger.LogInformation("Traffic for {MerchantId} on {Date}: {Outcome} (revision {Revision})", merchantId, date.Value, outcome, value.Revision);
        var accepted = new TrafficAccepted(merchantId, date.Value.ToString(KpiBucket.DayFormat, CultureInfo.InvariantCulture), value.Visits, value.Revision,
            outcome.ToString().ToLowerInvariant());
        return outcome == TrafficOutcome.Created
            ? Results.Created($"/api/kpi/merchants/{merchantId}/traffic?from={accepted.Date}&to={accepted.Date}", accepted)
            : Results.Ok(accepted);
    }

    private DateOnly? ValidDate(string? text, Merchant merchant, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add("date", "Required.");
            return null;
        }

        if (!DateOnly.TryParseExact(text, KpiBucket.DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors.Add("date", "A date as yyyy-MM-dd.");
            return null;
        }

        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(merchant.TimeZone, out var z) ? z : TimeZoneInfo.Utc;
        var today = KpiCalendar.Day(clock.GetUtcNow(), zone);
        if (date > today || date < Earliest)
        {
            errors.Add("date", $"Must be a day from {Earliest:yyyy-MM-dd} to today ({today:yyyy-MM-dd} in the shop's time zone).");
            return null;
        }

        return date;
    }

    private static string? Single(Microsoft.Extensions.Primitives.StringValues values) => values.Count == 1 ? values[0] : null;
}
