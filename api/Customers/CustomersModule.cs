using Backoffice.Core.Customers;
using Backoffice.Infra.Customers;
using Backoffice.Infra.Orders;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Backoffice.Api.Customers;

/// <summary>
/// The customer base: the store, the observer that links every order to its customer as order changes are published,
/// erasure, the refusal-risk rule (configuration <c>Customers:RefusalRisk:MinimumRefusals</c> and
/// <c>…:ThresholdBasisPoints</c>), the policies and the endpoints.
/// </summary>
public sealed class CustomersModule : IApiModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<CustomerStore>();
        services.AddSingleton<OrderPersonalData>();
        services.AddSingleton<CustomerErasure>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOrderChangeObserver, CustomerOrderObserver>());
        services.AddSingleton(new RefusalRisk(
            configuration.GetValue("Customers:RefusalRisk:MinimumRefusals", RefusalRisk.Default.MinimumRefusals),
            configuration.GetValue("Customers:RefusalRisk:ThresholdBasisPoints", RefusalRisk.Default.ThresholdBasisPoints)));
        services.Configure<AuthorizationOptions>(CustomerPolicies.Register);
    }

    public void MapEndpoints(IEndpointRouteBuilder api) => CustomerEndpoints.Map(api);
}
