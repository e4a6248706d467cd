using Backoffice.Api.Auth;
using Backoffice.Api.Orders;
using Backoffice.Api.Problems;
using Backoffice.Contracts;
using Backoffice.Contracts.Status;
using Backoffice.Core.Merchants;
using Backoffice.Infra.Status;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Backoffice.Api.Status;

/// <summary>
/// Status delivery to merchants, both hosts: its services, and the supervisors' view of dead-lettered status changes with
/// a re-send action.
/// </summary>
internal sealed class StatusDeliveryModule : IApiModule
{
    private const int MaxMessageIdLength = 200;

    public void AddServices(IServiceCollection services, IConfiguration configuration) => services.AddStatusDelivery(configuration);

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/status-deliveries/dead-letters").WithTags("Status deliveries").RequireAuthorization(Policies.ManageMerchants).Guarded();
        group.MapGet("/", ListAsync)
            .WithSummary("Status changes that could not be delivered to merchants' status URLs, paged; filter by merchantId.")
            .Reads<PageView<DeadLetterView>>();
        group.MapPost("/{merchantId}/{messageId}/resend", ResendAsync)
            .WithSummary("Queue a dead-lettered status change for delivery again, from its first attempt.").Acts<ResendAccepted>(StatusCodes.Status202Accepted);
    }

    internal static async Task<IResult> ListAsync(string? merchantId, int? pageSize, string? continuationToken, StatusDeadLetters deadLetters, CancellationToken ct)
    {
        if (merchantId is not null && !MerchantIds.IsValid(merchantId))
        {
            return Problems.Problems.Validation(new Dictionary<string, string[]> { ["merchantId"] = ["Not a merchant id."] }, StatusCodes.Status400BadRequest);
        }

        if (pageSize is < 1 or > StatusDeadLetters.MaxPageSize)
        {
            return Problems.Problems.Validation(
                new Dictionary<string, string[]> { ["pageSize"] = [$"From 1 to {StatusDeadLetters.MaxPageSize}."] }, StatusCodes.Status400BadRequest);
        }

        if (!Tokens.TryDecode(continuationToken, out var from))
        {
            return Tokens.Invalid();
        }

        var page = await deadLetters.PageAsync(merchantId, pageSize ?? 50, from, ct).ConfigureAwait(false);
        return Results.Ok(new PageView<DeadLetterView>(page.Items.Select(View).ToArray(), Tokens.Encode(page.ContinuationToken)));
    }

    internal static async Task<IResult> ResendAsync(string merchantId, string messageId, StatusDeadLetters deadLetters, CancellationToken ct)
    {
        if (!MerchantIds.IsValid(merchantId) || messageId.Length > MaxMessageIdLength || messageId.Any(char.IsControl))
        {
            return Problems.Problems.NotFound("dead-lettered status");
        }

        return await deadLetters.ResendAsync(merchantId, messageId, ct).ConfigureAwait(false)
            ? Results.Accepted(value: new ResendAccepted(merchantId, messageId))
            : Problems.Problems.NotFound("dead-lettered status");
    }

    private static DeadLetterView View(DeadLetteredStatus d) => new(
        d.MerchantId, d.MessageId, d.OrderId, d.ExternalOrderId, d.Stage.ToString(), d.Event, d.Version, d.At, d.Attempts, d.Reason, d.LastStatusCode, d.DeadLetteredAt);
}
