using System.Net;
using Backoffice.Web.Api;
using Backoffice.Web.Merchants;
using Backoffice.Web.Session;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Backoffice.Web.Tests;

public sealed class SessionTests
{
    [Fact]
    public void A_Static_Web_Apps_principal_with_a_staff_role_signs_in_with_that_role()
    {
        var user = UserSession.FromStaticWebApps(new ClientPrincipal("aad", "u1", "ana@example.com", ["anonymous", "authenticated", "finance"]));
        Assert.NotNull(user);
        Assert.Equal(Roles.Finance, user.Role);
        Assert.Null(user.MerchantId);
        Assert.Equal(SignInKind.StaticWebApps, user.Kind);
    }

    [Fact]
    public void A_merchant_owner_from_Static_Web_Apps_is_scoped_to_the_merchant_named_by_a_role()
    {
        var user = UserSession.FromStaticWebApps(new ClientPrincipal("aad", "u2", "owner@shop.example", ["authenticated", "merchant", "merchant-demo-fashion"]));
        Assert.Equal(Roles.Merchant, user!.Role);
        Assert.Equal("demo-fashion", user.MerchantId);
    }

    [Fact]
    public void A_merchant_role_without_a_merchant_or_no_role_at_all_is_not_signed_in()
    {
        Assert.Null(UserSession.FromStaticWebApps(new ClientPrincipal("aad", "u3", "x", ["authenticated", "merchant"])));
        Assert.Null(UserSession.FromStaticWebApps(new ClientPrincipal("aad", "u4", "y", ["authenticated"])));
    }

    [Fact]
    public void A_merchant_role_wins_over_a_staff_role_as_the_API_decides_it()
    {
        var user = UserSession.FromStaticWebApps(new ClientPrincipal("aad", "u5", "owner@shop.example", ["authenticated", "supervisor", "merchant", "merchant-shop-one"]));

        Assert.Equal(Roles.Merchant, user!.Role);
        Assert.Equal("shop-one", user.MerchantId);
    }

    [Fact]
    public void A_merchant_naming_two_merchants_is_not_signed_in()
    {
        Assert.Null(UserSession.FromStaticWebApps(new ClientPrincipal("aad", "u6", "x", ["merchant", "merchant-shop-one", "merchant-shop-two"])));
    }

    [Fact]
    public async Task A_Static_Web_Apps_user_sends_no_token_and_a_401_signs_them_out()
    {
        var api = new FakeApi();
        api.On("GET", "/.auth/me", HttpStatusCode.OK,
            """{"clientPrincipal":{"identityProvider":"aad","userId":"u7","userDetails":"ana@example.com","userRoles":["anonymous","authenticated","supervisor"]}}""");
        api.OnProblem("GET", "/api/merchants", HttpStatusCode.Unauthorized, """{"status":401,"title":"Unauthorized"}""");
        using var http = new HttpClient(api) { BaseAddress = new Uri("https://console.test/") };
        var session = new UserSession(new MemorySessionStore(null), http, new FakeTimeProvider());
        var client = new BackofficeClient(http, session);

        await session.EnsureLoadedAsync();
        Assert.Equal(SignInKind.StaticWebApps, session.User!.Kind);
        Assert.Equal(Roles.Supervisor, session.User.Role);

        await client.MerchantsAsync();

        var call = Assert.Single(api.Requests, r => r.Path == "/api/merchants");
        Assert.Null(call.Authorization);
        Assert.False(session.IsSignedIn);
    }

    [Fact]
    public void Each_role_sees_the_work_queues_it_works()
    {
        Assert.Equal(["confirmation"], Roles.QueuesOf(Roles.Operator).Select(s => s.Slug));
        Assert.Equal(["supplier-pickup", "packing"], Roles.QueuesOf(Roles.Warehouse).Select(s => s.Slug));
        Assert.Equal(4, Roles.QueuesOf(Roles.Supervisor).Count);
        Assert.Empty(Roles.QueuesOf(Roles.Merchant));
        Assert.Empty(Roles.QueuesOf(Roles.Finance));
    }

    [Fact]
    public void The_merchant_form_sends_hours_basis_points_and_minor_units()
    {
        var form = new MerchantForm { Name = " Shop ", Currency = "eur", ConfirmationHours = "1.5", FixedPerDeliveredOrder = "1.50", DeliveredValuePercent = "2.5", CashHandledPercent = "0" };
        var (request, errors) = form.ToRequest();
        Assert.Empty(errors);
        Assert.Equal("Shop", request!.Name);
        Assert.Equal("EUR", request.Currency);
        Assert.Equal(1.5, request.Deadlines!.ConfirmationHours);
        Assert.Equal(150, request.Tariff!.FixedPerDeliveredOrder);
        Assert.Equal(250, request.Tariff.DeliveredValueBasisPoints);
    }

    [Fact]
    public void The_merchant_form_names_the_fields_it_cannot_read_with_the_APIs_paths()
    {
        var form = new MerchantForm { Name = "Shop", ConfirmationHours = "soon", DeliveredValuePercent = "2.555", MaxDeliveryAttempts = "3.5" };
        var (request, errors) = form.ToRequest();
        Assert.Null(request);
        Assert.Equal(["deadlines.confirmationHours", "deadlines.maxDeliveryAttempts", "tariff.deliveredValueBasisPoints"], errors.Keys.Order(StringComparer.Ordinal));
    }
}
