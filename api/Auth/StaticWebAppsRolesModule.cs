using Backoffice.Api.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Backoffice.Api.Auth;

/// <summary>
/// <c>POST /api/auth/roles</c>, the Static Web App's <c>rolesSource</c> (web/wwwroot/staticwebapp.config.json): after
/// Entra ID signs someone in, Static Web Apps posts the ID token's claims here and gives the session the roles answered,
/// which its <c>allowedRoles</c> routes and <see cref="StaticWebAppsPrincipal"/> then read. Anonymous because Static
/// Web Apps calls it before the session has roles; harmless to anyone else, who only gets back a function of what they
/// sent and no session.
/// </summary>
internal sealed class StaticWebAppsRolesModule : IApiModule
{
    public const string Route = "/auth/roles";

    /// <summary>An ID token's claims fit easily; this only stops a caller from making us buffer megabytes.</summary>
    private const int BodyLimit = 64 * 1024;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
    }

    public void MapEndpoints(IEndpointRouteBuilder api) =>
        api.MapPost(Route, AssignAsync).AllowAnonymous().WithTags("Auth")
            .WithSummary("Static Web Apps rolesSource: the SWA roles for an Entra ID sign-in (operator, ..., or merchant + merchant-{id}).")
            .Body<StaticWebAppsRoles.SignIn>()
            .Produces<StaticWebAppsRoles.Assigned>(StatusCodes.Status200OK, ApiContract.Json)
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    // Content type is not checked: what Static Web Apps sends is the contract, and it is always JSON.
    internal static async Task<IResult> AssignAsync(HttpRequest request, CancellationToken ct)
    {
        var body = await JsonBody.ReadLimitedAsync(request, BodyLimit, ct).ConfigureAwait(false);
        if (body is null)
        {
            return Problems.Problems.TooLarge(BodyLimit);
        }

        var (signIn, problem) = JsonBody.Parse<StaticWebAppsRoles.SignIn>(body);
        return signIn is null ? problem! : Results.Ok(new StaticWebAppsRoles.Assigned(StaticWebAppsRoles.ForSignIn(signIn)));
    }
}
