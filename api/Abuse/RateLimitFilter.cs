using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Backoffice.Api.Abuse;

/// <summary>Answers 429 with <c>Retry-After</c> (whole seconds) and a problem body when <see cref="ApiRateLimiter"/> refuses.</summary>
public sealed class RateLimitFilter(ApiRateLimiter limiter) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (limiter.Refusal(context.HttpContext) is { } wait)
        {
            var seconds = (int)Math.Max(1, Math.Ceiling(wait.TotalSeconds));
            context.HttpContext.Response.Headers[HeaderNames.RetryAfter] = seconds.ToString(CultureInfo.InvariantCulture);
            return Problems.Problems.Of(StatusCodes.Status429TooManyRequests, "rate-limited", "Too many requests.", $"Try again in {seconds} s.");
        }

        return await next(context).ConfigureAwait(false);
    }
}
