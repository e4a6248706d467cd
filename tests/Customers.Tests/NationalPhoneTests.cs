using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Backoffice.Core.Common;
using Backoffice.Testing;
using Xunit;
using static Backoffice.Customers.Tests.CustomerApi;

namespace Backoffice.Customers.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class NationalPhoneTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_customer_who_types_the_number_nationally_then_internationally_is_one_customer_found_by_national_search()
    {
        using var host = new BackofficeHost(azurite);
        var created = await host.As(Roles.Supervisor).PutAsJsonAsync("/api/merchants/shop-ru", new
        {
            name = "Shop RU",
            currency = "EUR",
            timeZone = "Europe/Moscow",
            region = "RU",
            tariff = new { fixedPerDeliveredOrder = 0, deliveredValueBasisPoints = 0, cashHandledBasisPoints = 0 },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var secret = (await BackofficeHost.JsonAsync(created)).GetProperty("webhookSecret").GetString()!;

        await OkAsync(await host.PostOrderAsync("shop-ru", Order("ru-1", "8 (912) 345-67-89"), secret: secret));
        await OkAsync(await host.PostOrderAsync("shop-ru", Order("ru-2", "+7 912 345 67 89"), secret: secret));
        await OkAsync(await host.PostOrderAsync("shop-ru", Order("ru-3", "+7 912 000 00 00"), secret: secret));

        var found = await SearchAsync(host, Roles.Operator, "shop-ru", new { phone = "8 912 345" });

        var irina = Assert.Single(found);
        Assert.Equal(("+79123456789", 2), (irina.GetProperty("phone").GetString(), irina.GetProperty("stats").GetProperty("orders").GetInt32()));
        Assert.Equal(2, (await SearchAsync(host, Roles.Operator, "shop-ru", new { phone = "8912" })).Length);
        Assert.Single(await SearchAsync(host, Roles.Operator, "shop-ru", new { phone = "+7 912 345" }));
    }

    private static string Order(string externalId, string phone) => JsonSerializer.Serialize(new
    {
        externalOrderId = externalId,
        currency = "EUR",
        payment = "cashOnDelivery",
        customer = new { name = "Ирина Петрова", phone, address = new { line1 = "ул. Ленина, 1", city = "Пермь", country = "RU" } },
        lines = new[] { new { sku = "SKU-1", name = "Платье", quantity = 1, unitPrice = 2000, inWarehouse = true } },
    });
}
