using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Backoffice.Api.Diagnostics;

/// <summary>
/// A request the framework cannot bind (e.g. <c>?pageSize=ten</c> for an <c>int?</c>) throws
/// <see cref="BadHttpRequestException"/> in Development, and the exception handler would answer it 500. This maps it to
/// its own status (400, 413...), so callers get a 4xx ProblemDetails in every environment. Found by the hostile-input
/// catalogue (tests/Hardening.Tests).
/// </summary>
public sealed class BadRequestProblemsModule : IApiModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration) =>
        services.Configure<ExceptionHandlerOptions>(o =>
            o.StatusCodeSelector ??= ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError);

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
    }
}
