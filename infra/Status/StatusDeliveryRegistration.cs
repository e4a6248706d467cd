using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Backoffice.Infra.Status;

public static class StatusDeliveryRegistration
{
    /// <summary>Status delivery and its dead letters. Idempotent: both the API module and the local runner call it.</summary>
    public static IServiceCollection AddStatusDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(StatusDelivery)))
        {
            return services;
        }

        var options = configuration.GetSection(StatusDeliveryOptions.Section).Get<StatusDeliveryOptions>() ?? new StatusDeliveryOptions();
        services.AddSingleton(options);
        services.AddHttpClient(StatusDelivery.HttpClientName, client => client.Timeout = options.Timeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // A signed webhook goes where the merchant configured it, never where a redirect points.
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            });
        services.AddSingleton<StatusDeadLetters>();
        services.AddSingleton<StatusDelivery>();
        services.TryAddSingleton<IStatusChannel, QueueStatusChannel>();
        services.AddSingleton<StatusPublisher>();
        return services;
    }
}
