using Backoffice.Core.Common;
using Backoffice.Core.Customers;
using Backoffice.Core.Orders;
using Backoffice.Infra.Customers;
using Backoffice.Infra.Orders;
using Backoffice.Infra.Storage;
using Backoffice.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static Backoffice.Customers.Tests.Orders;

namespace Backoffice.Customers.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class CustomerStoreTests(AzuriteFixture azurite)
{
    private const string Shop = "shop-one";
    private readonly FakeTimeProvider _clock = new(T0);

    private async Task<(CustomerStore Store, StorageClients Clients)> StoreAsync()
    {
        var clients = await azurite.NewStorageAsync();
        return (new CustomerStore(clients, _clock, NullLogger<CustomerStore>.Instance), clients);
    }

    /// <summary>How many storage requests <paramref name="act"/> made.</summary>
    private static async Task<long> RequestsAsync(StorageClients clients, Func<Task> act)
    {
        var before = clients.Counter.Count;
        await act();
        return clients.Counter.Count - before;
    }

    private static CustomerErasure Erasure(StorageClients clients, CustomerStore store) =>
        new(store, new OrderPersonalData(clients), new OrderStore(clients), [], NullLogger<CustomerErasure>.Instance);

    [Fact]
    public async Task A_first_order_creates_a_customer_keyed_by_normalised_phone_and_email()
    {
        var (store, _) = await StoreAsync();
        var order = Placed(Shop, "1001", phone: "+49 151 1234 5678", email: " Anna@Example.com ");

        var id = await store.SyncOrderAsync(order);

        var profile = await store.GetAsync(Shop, id!);
        Assert.Equal(("Anna Schmidt", "+4915112345678", "anna@example.com"), (profile!.Name, profile.Phone, profile.Email));
        Assert.Equal(new CustomerStats(1, 0, 0, 0, 0), profile.Stats);
        Assert.Equal((T0, T0, order.OrderId), (profile.FirstOrderAt, profile.LastOrderAt, profile.LastOrderId));
        Assert.Equal(id, await store.CustomerOfOrderAsync(Shop, order.OrderId));
        Assert.True(CustomerIds.IsWellFormed(id));
    }

    [Fact]
    public async Task The_same_phone_typed_differently_is_the_same_customer_and_the_latest_name_replaces_the_old_in_search()
    {
        var (store, _) = await StoreAsync();

        var first = await store.SyncOrderAsync(Placed(Shop, "1001", phone: "+49 151 1234 5678", name: "Anna Schmidt"));
        var second = await store.SyncOrderAsync(Placed(Shop, "1002", phone: "0049-15112345678", email: null, name: "Anna Weber", at: T0.AddDays(1)));

        Assert.Equal(first, second);
        var profile = await store.GetAsync(Shop, first!);
        Assert.Equal((2, "Anna Weber", "anna@example.com"), (profile!.Stats.Orders, profile.Name, profile.Email));
        Assert.Single((await store.SearchAsync(Shop, new CustomerQuery(null, "weber"), 10, null)).Items);
        Assert.Empty((await store.SearchAsync(Shop, new CustomerQuery(null, "schmidt"), 10, null)).Items);
    }

    [Fact]
    public async Task A_new_phone_with_a_known_email_joins_that_customer_and_becomes_searchable()
    {
        var (store, _) = await StoreAsync();
        var first = await store.SyncOrderAsync(Placed(Shop, "1001", phone: "+4915112345678"));

        var second = await store.SyncOrderAsync(Placed(Shop, "1002", phone: "+4917099999999", email: "ANNA@example.com", at: T0.AddDays(1)));

        Assert.Equal(first, second);
        Assert.Equal(first, Assert.Single((await store.SearchAsync(Shop, new CustomerQuery("+49170", null), 10, null)).Items).CustomerId);
        Assert.Equal(first, Assert.Single((await store.SearchAsync(Shop, new CustomerQuery("+49151", null), 10, null)).Items).CustomerId);
    }

    [Fact]
    public async Task Outcomes_move_the_counts_and_the_lifetime_value_counts_only_what_was_delivered()
    {
        var (store, _) = await StoreAsync();
        var a = Placed(Shop, "1001");
        var b = Placed(Shop, "1002");
        var c = Placed(Shop, "1003");
        foreach (var order in new[] { a, b, c })
        {
            await store.SyncOrderAsync(order);
        }

        var id = await store.SyncOrderAsync(Delivered(a));
        await store.SyncOrderAsync(Refused(b));
        await store.SyncOrderAsync(Cancelled(c));

        var profile = await store.GetAsync(Shop, id!);
        Assert.Equal(new CustomerStats(3, 1, 1, 1, 3500), profile!.Stats);
        Assert.Equal(5000, profile.Stats.RefusalRateBasisPoints);
        var orders = await store.OrdersAsync(Shop, id!, 10);
        Assert.Equal(3, orders.Count);
        Assert.Contains(orders, o => o.OrderId == a.OrderId && o.Outcome == OrderOutcome.Delivered && o.DeliveredValue == 3500);
    }

    [Fact]
    public async Task Changes_that_arrive_twice_or_late_are_counted_once()
    {
        var (store, _) = await StoreAsync();
        var placed = Placed(Shop, "1001");
        var delivered = Delivered(placed);

        var id = await store.SyncOrderAsync(delivered);
        await store.SyncOrderAsync(delivered);
        await store.SyncOrderAsync(placed);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => store.SyncOrderAsync(delivered)));

        Assert.Equal(new CustomerStats(1, 1, 0, 0, 3500), (await store.GetAsync(Shop, id!))!.Stats);
        Assert.Equal(OrderOutcome.Delivered, Assert.Single(await store.OrdersAsync(Shop, id!, 10)).Outcome);
    }

    [Fact]
    public async Task A_later_status_costs_the_pointer_read_and_one_transaction_and_a_changed_outcome_one_read_more()
    {
        var (store, clients) = await StoreAsync();
        var placed = Placed(Shop, "1001");
        var id = await store.SyncOrderAsync(placed, linkedBefore: false);

        var stageOnly = await RequestsAsync(clients, () => store.SyncOrderAsync(Confirmed(placed)));
        var outcome = await RequestsAsync(clients, () => store.SyncOrderAsync(Delivered(placed)));
        var late = await RequestsAsync(clients, () => store.SyncOrderAsync(Confirmed(placed))); // the pointer says a newer version was counted

        Assert.Equal((2, 3, 1), (stageOnly, outcome, late));
        Assert.Equal(new CustomerStats(1, 1, 0, 0, 3500), (await store.GetAsync(Shop, id!))!.Stats);
        var row = Assert.Single(await store.OrdersAsync(Shop, id!, 10));
        Assert.Equal((Stage.Delivered, OrderOutcome.Delivered, Delivered(placed).Version), (row.Stage, row.Outcome, row.Version));
    }

    [Fact]
    public async Task A_pointer_written_before_it_carried_the_facts_is_read_the_old_way_and_upgraded()
    {
        var (store, clients) = await StoreAsync();
        var placed = Placed(Shop, "1001");
        var id = await store.SyncOrderAsync(placed, linkedBefore: false);
        var table = clients.Table(TableNames.Customers);
        var pointer = (await table.GetEntityAsync<Azure.Data.Tables.TableEntity>(Shop, CustomerKeys.Pointer(placed.OrderId))).Value;
        await table.UpsertEntityAsync(
            new Azure.Data.Tables.TableEntity(Shop, pointer.RowKey) { ["CustomerId"] = pointer.GetString("CustomerId"), ["OrderRow"] = pointer.GetString("OrderRow") },
            Azure.Data.Tables.TableUpdateMode.Replace);

        var legacy = await RequestsAsync(clients, () => store.SyncOrderAsync(Confirmed(placed)));
        var upgraded = await RequestsAsync(clients, () => store.SyncOrderAsync(Delivered(placed)));

        Assert.Equal((3, 3), (legacy, upgraded)); // pointer + order row + transaction; then pointer + profile + transaction
        Assert.Equal(new CustomerStats(1, 1, 0, 0, 3500), (await store.GetAsync(Shop, id!))!.Stats);
        Assert.Equal(Delivered(placed).Version, (await table.GetEntityAsync<Azure.Data.Tables.TableEntity>(Shop, pointer.RowKey)).Value.GetInt32("Version"));
    }

    [Fact]
    public async Task A_first_status_linked_without_looking_for_a_link_first_is_still_counted_once_when_it_comes_again()
    {
        var (store, _) = await StoreAsync();
        var placed = Placed(Shop, "1001");

        var id = await store.SyncOrderAsync(placed, linkedBefore: false);
        var again = await store.SyncOrderAsync(placed, linkedBefore: false); // the safety net redelivers the placement
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => store.SyncOrderAsync(placed, linkedBefore: false)));
        await store.SyncOrderAsync(Delivered(placed), linkedBefore: false); // even a wrong hint only costs requests

        Assert.NotNull(id);
        Assert.All(concurrent.Append(again), other => Assert.Equal(id, other));
        Assert.Equal(new CustomerStats(1, 1, 0, 0, 3500), (await store.GetAsync(Shop, id!))!.Stats);
        Assert.Equal(OrderOutcome.Delivered, Assert.Single(await store.OrdersAsync(Shop, id!, 10)).Outcome);
    }

    [Fact]
    public async Task Concurrent_first_orders_from_one_phone_make_one_customer()
    {
        var (store, _) = await StoreAsync();

        var ids = await Task.WhenAll(Enumerable.Range(1, 6).Select(i => Task.Run(() => store.SyncOrderAsync(Placed(Shop, $"10{i}", phone: "+4915112345678", email: null)))));

        Assert.Single(ids.Distinct());
        Assert.Equal(6, (await store.GetAsync(Shop, ids[0]!))!.Stats.Orders);
        Assert.Single((await store.SearchAsync(Shop, new CustomerQuery(null, null), 10, null)).Items);
    }

    [Fact]
    public async Task Customers_are_found_by_the_start_of_a_phone_or_of_any_name_word()
    {
        var (store, _) = await StoreAsync();
        await store.SyncOrderAsync(Placed(Shop, "1", phone: "+4915100000001", email: null, name: "Anna Schmidt"));
        await store.SyncOrderAsync(Placed(Shop, "2", phone: "+4915100000002", email: null, name: "Annette Müller"));
        await store.SyncOrderAsync(Placed(Shop, "3", phone: "+12125550100", email: null, name: "John Miller"));

        async Task<string[]> Names(CustomerQuery q) => (await store.SearchAsync(Shop, q, 10, null)).Items.Select(p => p.Name).Order().ToArray();

        Assert.Equal(new[] { "Anna Schmidt", "Annette Müller" }, await Names(new CustomerQuery("+4915100", null)));
        Assert.Equal(new[] { "Anna Schmidt", "Annette Müller" }, await Names(new CustomerQuery(null, "ann")));
        Assert.Equal(new[] { "Annette Müller" }, await Names(new CustomerQuery(null, CustomerNames.Normalise("mull"))));
        Assert.Equal(new[] { "John Miller" }, await Names(new CustomerQuery("+1", null)));
        Assert.Empty(await Names(new CustomerQuery(null, "zz")));
    }

    [Fact]
    public async Task Another_merchants_customers_are_never_found_or_joined()
    {
        var (store, _) = await StoreAsync();
        var mine = await store.SyncOrderAsync(Placed(Shop, "1001"));
        var theirs = await store.SyncOrderAsync(Placed("shop-two", "1001"));

        Assert.NotEqual(mine, theirs);
        Assert.Null(await store.GetAsync("shop-two", mine!));
        Assert.Equal(theirs, Assert.Single((await store.SearchAsync("shop-two", new CustomerQuery("+49", null), 10, null)).Items).CustomerId);
        Assert.Equal(1, (await store.GetAsync(Shop, mine!))!.Stats.Orders);
    }

    [Fact]
    public async Task Erasure_removes_personal_data_everywhere_and_keeps_counts_orders_and_money()
    {
        var (store, clients) = await StoreAsync();
        var orders = new OrderStore(clients);
        var delivered = Delivered(Placed(Shop, "1001"));
        await orders.CommitAsync(new StoredOrder(OrderDecider.Initial, null), delivered, Events(delivered), [], "c1");
        var id = await store.SyncOrderAsync(delivered);
        await store.SetTagsAsync(Shop, id!, ["vip"]);
        await store.RecordCallAsync(Shop, id!, new CallAttempt("call-1", delivered.OrderId, CallOutcome.Confirmed, "Prefers evenings, lives with Bob", T0, Operator));

        Assert.Equal(CustomerWrite.Done, await Erasure(clients, store).EraseAsync(Shop, id!, Operator));

        var profile = await store.GetAsync(Shop, id!);
        Assert.True(profile!.Erased);
        Assert.Equal((PersonalData.ErasedName, (string?)null, (string?)null, (Address?)null), (profile.Name, profile.Phone, profile.Email, profile.Address));
        Assert.Empty(profile.Tags);
        Assert.Equal(new CustomerStats(1, 1, 0, 0, 3500), profile.Stats);
        Assert.Empty((await store.SearchAsync(Shop, new CustomerQuery("+49", null), 10, null)).Items);
        Assert.Empty((await store.SearchAsync(Shop, new CustomerQuery(null, "anna"), 10, null)).Items);
        var call = Assert.Single(await store.CallsAsync(Shop, id!, 10));
        Assert.Equal((CallOutcome.Confirmed, (string?)null), (call.Outcome, call.Note));

        var order = (PlacedOrder)(await orders.LoadAsync(Shop, delivered.OrderId)).State;
        Assert.True(PersonalData.IsAnonymised(order.Draft.Customer));
        Assert.Equal("DE", order.Draft.Customer.Address.Country);
        Assert.Equal((delivered.DeliveredValue, delivered.CashCollected, delivered.Stage, delivered.Version), (order.DeliveredValue, order.CashCollected, order.Stage, order.Version));
        var placedEvent = Assert.IsType<OrderPlaced>((await orders.EventsAsync(Shop, delivered.OrderId))[0].Event);
        Assert.True(PersonalData.IsAnonymised(placedEvent.Draft.Customer));
        Assert.Equal(delivered.Draft.Lines, placedEvent.Draft.Lines);
    }

    [Fact]
    public async Task After_erasure_the_same_phone_starts_a_new_customer_and_old_orders_still_count_on_the_erased_record()
    {
        var (store, clients) = await StoreAsync();
        var placed = Placed(Shop, "1001");
        var erasedId = await store.SyncOrderAsync(placed);
        await Erasure(clients, store).EraseAsync(Shop, erasedId!, Operator);
        Assert.Equal(CustomerWrite.Done, await Erasure(clients, store).EraseAsync(Shop, erasedId!, Operator));

        var freshId = await store.SyncOrderAsync(Placed(Shop, "1002"));
        await store.SyncOrderAsync(Refused(placed));

        Assert.NotEqual(erasedId, freshId);
        Assert.Equal(1, (await store.GetAsync(Shop, erasedId!))!.Stats.Refused);
        Assert.Equal(new CustomerStats(1, 0, 0, 0, 0), (await store.GetAsync(Shop, freshId!))!.Stats);
        Assert.Equal(CustomerWrite.Erased, await store.RecordCallAsync(Shop, erasedId!, new CallAttempt("c", null, CallOutcome.NoAnswer, null, T0, Operator)));
    }

    [Fact]
    public async Task A_call_must_be_about_one_of_the_customers_own_orders()
    {
        var (store, _) = await StoreAsync();
        var anna = await store.SyncOrderAsync(Placed(Shop, "1001"));
        var other = Placed(Shop, "2001", phone: "+12125550100", email: null);
        await store.SyncOrderAsync(other);

        var wrong = await store.RecordCallAsync(Shop, anna!, new CallAttempt("c1", other.OrderId, CallOutcome.NoAnswer, null, T0, Operator));
        var unknown = await store.RecordCallAsync(Shop, "CUS-000000000000", new CallAttempt("c2", null, CallOutcome.NoAnswer, null, T0, Operator));

        Assert.Equal(CustomerWrite.NotThisCustomersOrder, wrong);
        Assert.Equal(CustomerWrite.NotFound, unknown);
        Assert.Empty(await store.CallsAsync(Shop, anna!, 10));
    }

    private static IReadOnlyList<OrderEvent> Events(PlacedOrder order) =>
        [new OrderPlaced(order.MerchantId, order.OrderId, order.Draft, order.Policy, order.PlacedAt, Operator)];
}
