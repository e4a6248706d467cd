using System.Reflection;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Backoffice.Api;

/// <summary>
/// A feature's slice of the API (finance, KPIs, customers, stock...): its services and its endpoints under /api.
/// Modules are discovered in this assembly, so adding a feature does not mean editing the composition root.
/// </summary>
public interface IApiModule
{
    void AddServices(IServiceCollection services, IConfiguration configuration);

    void MapEndpoints(IEndpointRouteBuilder api);
}

internal static class ApiModules
{
    public static IReadOnlyList<IApiModule> All { get; } = typeof(ApiModules).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IApiModule).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (IApiModule)Activator.CreateInstance(t)!)
        .ToArray();
}
