using System.Diagnostics;
using Azure.Data.Tables;
using Backoffice.Core.Customers;
using Backoffice.Infra.Customers;
using Backoffice.Infra.Orders;
using Backoffice.Infra.Stock;
using Backoffice.Infra.Storage;
using Backoffice.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using Xunit.Abstractions;
using static Backoffice.Customers.Tests.Orders;

namespace Backoffice.Customers.Tests;

/// <summary>
/// Many orders that share one identity (a marketplace's masked e-mail, a shop's own test address): the customer's
/// profile row must stay the same size however many there are, so linking never reaches Table Storage's limits
/// (64 KiB per property, 1 MiB per entity), and erasure must still find every row that could lead back to a person.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class SharedIdentityTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const string Shop = "shop-one";
    private const string SharedEmail = "masked-buyer@marketplace.example";

    /// <summary>
    /// A profile carries one person's latest contact data, tags and counts: a few hundred bytes. 8 KiB leaves room for a
    /// long address and every tag, and is an eighth of what one string property may hold.
    /// </summary>
    private const int ProfileBound = 8 * 1024;

    private readonly FakeTimeProvider _clock = new(T0);

    private async Task<(CustomerStore Store, StorageClients Clients)> StoreAsync()
    {
        var clients = await azurite.NewStorageAsync();
        return (new CustomerStore(clients, _clock, NullLogger<CustomerStore>.Instance), clients);
    }

    private static CustomerErasure Erasure(StorageClients clients, CustomerStore store) =>
        new(store, new OrderPersonalData(clients), new OrderStore(clients), [], NullLogger<CustomerErasure>.Instance);

    /// <summary>A distinct, valid German mobile number per buyer.</summary>
    private static string Phone(int buyer) => $"+49151{buyer:D8}";

    /// <summary>
    /// A marketplace order: the marketplace masks the buyer's name and e-mail, and passes a phone of the buyer's own
    /// (or a relay number per order), so every order brings a new phone to the one customer the e-mail makes.
    /// </summary>
    private static Core.Orders.PlacedOrder Buyer(int buyer) =>
        Placed(Shop, $"mp-{buyer}", phone: Phone(buyer), email: SharedEmail, name: "Marketplace Buyer", at: T0.AddMinutes(buyer));

    [Fact]
    public async Task Five_thousand_orders_sharing_one_email_keep_the_profile_bounded_and_the_customer_linkable_countable_and_erasable()
    {
        var (store, clients) = await StoreAsync();
        var table = clients.Table(TableNames.Customers);
        var timer = Stopwatch.StartNew();

        // The order effects link a new order with linkedBefore: false (CustomerOrderObserver on a placement); one at a
        // time, as every link of this customer writes the same profile row and would only retry on each other's ETags.
        var id = await store.SyncOrderAsync(Buyer(0), linkedBefore: false);
        var firstSize = StoredSize(await ProfileRowAsync(table, id!));
        for (var buyer = 1; buyer < 5_000; buyer++)
        {
            Assert.Equal(id, await store.SyncOrderAsync(Buyer(buyer), linkedBefore: false));
        }

        output.WriteLine($"5,000 links: {timer.Elapsed}");
        var sizeAt5000 = StoredSize(await ProfileRowAsync(table, id!));

        var before = clients.Counter.Count;
        var last = await store.SyncOrderAsync(Buyer(5_000), linkedBefore: false);
        var requestsOfLastLink = clients.Counter.Count - before;
        await store.SyncOrderAsync(Buyer(5_000), linkedBefore: false); // the placement's effect delivered again
        await store.SyncOrderAsync(Delivered(Buyer(5_000)));

        output.WriteLine($"profile: {firstSize} B after one order, {sizeAt5000} B after 5,000; link 5,001: {requestsOfLastLink} requests");
        Assert.Equal(id, last);
        Assert.InRange(sizeAt5000, 0, ProfileBound);
        Assert.Equal(firstSize, sizeAt5000); // the same fields, of the same lengths, as after the first order
        Assert.Equal(4, requestsOfLastLink); // phone and e-mail index rows, profile, one transaction: nothing grows with the orders
        var profile = (await store.GetAsync(Shop, id!))!;
        Assert.Equal(new CustomerStats(5_001, 1, 0, 0, Delivered(Buyer(5_000)).DeliveredValue), profile.Stats);
        Assert.Equal((Phone(5_000), SharedEmail), (profile.Phone, profile.Email));
        Assert.Equal(id, Assert.Single((await store.SearchAsync(Shop, new CustomerQuery(Phone(1234), null), 10, null)).Items).CustomerId);

        timer.Restart();
        Assert.Equal(CustomerWrite.Done, await Erasure(clients, store).EraseAsync(Shop, id!, Operator));
        output.WriteLine($"erasure: {timer.Elapsed}");

        Assert.True((await store.GetAsync(Shop, id!))!.Erased);
        Assert.Empty((await store.SearchAsync(Shop, new CustomerQuery("+49151", null), 10, null)).Items);
        Assert.Empty(await RowsNamingAPersonAsync(table));
        Assert.Equal(5_001, (await store.GetAsync(Shop, id!))!.Stats.Orders);
        Assert.NotEqual(id, await store.SyncOrderAsync(Placed(Shop, "after-erasure", phone: Phone(7), email: SharedEmail)));
    }

    [Fact]
    public async Task Erasing_a_customer_known_by_more_phones_than_one_transaction_holds_leaves_no_row_that_names_them()
    {
        var (store, clients) = await StoreAsync();
        var id = await store.SyncOrderAsync(Buyer(0), linkedBefore: false);
        for (var buyer = 1; buyer < 120; buyer++)
        {
            await store.SyncOrderAsync(Buyer(buyer), linkedBefore: false);
        }

        Assert.Equal(CustomerWrite.Done, await Erasure(clients, store).EraseAsync(Shop, id!, Operator));

        Assert.Empty(await RowsNamingAPersonAsync(clients.Table(TableNames.Customers)));
        Assert.Equal(120, (await store.GetAsync(Shop, id!))!.Stats.Orders);
    }

    [Fact]
    public async Task A_profile_that_listed_its_phones_moves_them_to_identity_rows_on_its_next_link_and_stays_erasable()
    {
        var (store, clients) = await StoreAsync();
        var table = clients.Table(TableNames.Customers);
        var id = await LegacyCustomerAsync(store, table, phones: 130);

        Assert.Equal(id, await store.SyncOrderAsync(Buyer(500), linkedBefore: false));

        var profile = await ProfileRowAsync(table, id);
        Assert.False(profile.ContainsKey("Phones"));
        Assert.False(profile.ContainsKey("Emails"));
        Assert.Equal(130 + 1 + 1, await CountAsync(table, CustomerKeys.IdentitiesOf(id)));
        Assert.Equal(id, Assert.Single((await store.SearchAsync(Shop, new CustomerQuery(Phone(129), null), 10, null)).Items).CustomerId);
        Assert.Equal(CustomerWrite.Done, await Erasure(clients, store).EraseAsync(Shop, id, Operator));
        Assert.Empty(await RowsNamingAPersonAsync(table));
    }

    [Fact]
    public async Task A_profile_that_listed_its_phones_is_erased_with_every_index_row_without_another_link()
    {
        var (store, clients) = await StoreAsync();
        var table = clients.Table(TableNames.Customers);
        var id = await LegacyCustomerAsync(store, table, phones: 130);

        Assert.Equal(CustomerWrite.Done, await Erasure(clients, store).EraseAsync(Shop, id, Operator));

        Assert.Empty(await RowsNamingAPersonAsync(table));
        Assert.Equal(0, await CountAsync(table, CustomerKeys.IdentitiesOf(id)));
        Assert.True((await store.GetAsync(Shop, id))!.Erased);
    }

    /// <summary>
    /// A customer as the code before identity rows kept one: every phone and e-mail it was known by listed on the
    /// profile (here <paramref name="phones"/> phones and the shared e-mail), each with its index row, and no identity rows.
    /// </summary>
    private static async Task<string> LegacyCustomerAsync(CustomerStore store, TableClient table, int phones)
    {
        var id = (await store.SyncOrderAsync(Buyer(0), linkedBefore: false))!;
        var listed = Enumerable.Range(0, phones).Select(Phone).ToArray();
        foreach (var chunk in listed.Skip(1).Chunk(100))
        {
            await table.SubmitTransactionAsync(chunk.Select(phone =>
                new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(Shop, CustomerKeys.Phone(phone)) { ["CustomerId"] = id })));
        }

        await table.DeleteEntityAsync(Shop, CustomerKeys.Identity(id, CustomerKeys.Phone(Phone(0))));
        await table.DeleteEntityAsync(Shop, CustomerKeys.Identity(id, CustomerKeys.Email(SharedEmail)));
        var profile = await ProfileRowAsync(table, id);
        profile["Phones"] = Json.Serialize(listed);
        profile["Emails"] = Json.Serialize(new[] { SharedEmail });
        await table.UpdateEntityAsync(profile, profile.ETag, TableUpdateMode.Replace);
        Assert.Equal(0, await CountAsync(table, CustomerKeys.IdentitiesOf(id)));
        return id;
    }

    private static async Task<int> CountAsync(TableClient table, string prefix)
    {
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(CustomerKeys.StartsWith(Shop, prefix), select: ["RowKey"]))
        {
            count++;
        }

        return count;
    }

    private static async Task<TableEntity> ProfileRowAsync(TableClient table, string customerId) =>
        (await table.GetEntityAsync<TableEntity>(Shop, CustomerKeys.Profile(customerId))).Value;

    /// <summary>
    /// Every row of the shop's customer base whose key or any value holds one of the buyers' phones (as typed or as
    /// escaped in a key), the shared e-mail or the name. The ETag is left out: its timestamp's digits are not a person's.
    /// </summary>
    private static async Task<IReadOnlyList<string>> RowsNamingAPersonAsync(TableClient table)
    {
        string[] traces = ["+49151", KeySegment.Escape("+49151"), "marketplace", "buyer"];
        var found = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == Shop))
        {
            var texts = row.Where(p => p.Key != "odata.etag").Select(p => p.Value).OfType<string>().Append(row.RowKey);
            if (texts.Any(t => traces.Any(trace => t.Contains(trace, StringComparison.OrdinalIgnoreCase))))
            {
                found.Add(row.RowKey);
            }
        }

        return found;
    }

    /// <summary>
    /// The size Table Storage counts for an entity (its documented formula): 4 bytes, the keys in UTF-16, and per
    /// property 8 bytes plus its name in UTF-16 plus its value (strings 4 + UTF-16, 64-bit values 8, 32-bit 4, bool 1).
    /// </summary>
    private static int StoredSize(TableEntity e) =>
        4 + ((e.PartitionKey.Length + e.RowKey.Length) * 2) + e
            .Where(p => p.Key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag"))
            .Sum(p => 8 + (p.Key.Length * 2) + p.Value switch
            {
                string s => 4 + (s.Length * 2),
                int => 4,
                bool => 1,
                null => 0,
                _ => 8,
            });
}
