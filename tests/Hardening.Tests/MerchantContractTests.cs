using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Backoffice.Core.Common;
using Xunit;
using static Backoffice.Hardening.Tests.HostileRequests;

namespace Backoffice.Hardening.Tests;

/// <summary>Issue 15, item 12: the merchant contract is one shape, strict about unknown fields, explicit about money.</summary>
[Collection(HardeningWorld.Collection)]
public sealed class MerchantContractTests(HardeningWorld world)
{
    [Fact]
    public async Task What_get_returns_can_be_changed_and_put_back_and_the_change_is_kept()
    {
        var supervisor = world.Client(Roles.Supervisor);
        var path = $"/api/merchants/{HardeningWorld.Own}";
        var original = JsonNode.Parse(await supervisor.GetStringAsync(path))!.AsObject();
        var changed = original.DeepClone().AsObject();
        changed["deadlines"]!["confirmationHours"] = 3.5;

        var put = await supervisor.PutAsync(path, JsonContent.Create(changed));
        var after = JsonNode.Parse(await supervisor.GetStringAsync(path))!;
        await supervisor.PutAsync(path, JsonContent.Create(original)); // leave the world as it was

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(3.5, after["deadlines"]!["confirmationHours"]!.GetValue<double>());
        Assert.Equal(original["tariff"]!.ToJsonString(), after["tariff"]!.ToJsonString());
    }

    [Fact]
    public async Task An_unknown_property_is_a_422_that_names_its_path()
    {
        var response = await world.Client(Roles.Supervisor).SendAsync(PutMerchant(world, MerchantTemplate[..^1] + ",\"deadlines\":{\"confirmation\":\"02:00:00\"}}"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("deadlines.confirmation", out _), errors.ToString());
    }

    [Fact]
    public async Task A_bad_enum_value_is_a_422_that_lists_the_allowed_values()
    {
        var response = await world.Client(Roles.Supervisor).SendAsync(Command(world, "cancel", "{\"reason\":\"bribery\"}"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var message = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("reason")[0].GetString();
        Assert.Contains("customerChangedMind", message, StringComparison.Ordinal);
        Assert.Contains("fraud", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_merchant_needs_its_tariff_spelled_out_and_gets_exactly_that_tariff()
    {
        var supervisor = world.Client(Roles.Supervisor);
        var id = "tariff-" + Guid.NewGuid().ToString("N")[..8];

        var without = await supervisor.SendAsync(PutMerchant(world, MerchantTemplate, id));
        var with = await supervisor.SendAsync(PutMerchant(world, NewMerchantTemplate, id));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, without.StatusCode);
        Assert.True((await without.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("tariff", out _));
        Assert.Equal(HttpStatusCode.Created, with.StatusCode);
        var tariff = JsonNode.Parse(await supervisor.GetStringAsync($"/api/merchants/{id}"))!["tariff"]!;
        Assert.Equal((150L, 0, 100), (tariff["fixedPerDeliveredOrder"]!.GetValue<long>(), tariff["deliveredValueBasisPoints"]!.GetValue<int>(), tariff["cashHandledBasisPoints"]!.GetValue<int>()));
    }
}
