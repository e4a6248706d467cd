using Backoffice.Api.Problems;
using Microsoft.AspNetCore.Http;

namespace Backoffice.Api.Auth;

/// <summary>Refuses a merchant principal on any route whose {merchantId} is not its own, before the handler runs.</summary>
public sealed class MerchantScopeFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Request.RouteValues.TryGetValue("merchantId", out var value) && value is string merchantId
            && !http.User.CanAccessMerchant(merchantId))
        {
            return Problems.Problems.Of(StatusCodes.Status403Forbidden, "other-merchant", "This merchant's data is not yours to see.");
        }

        return await next(context).ConfigureAwait(false);
    }
}
