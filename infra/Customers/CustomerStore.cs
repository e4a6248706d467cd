using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Backoffice.Core.Common;
using Backoffice.Core.Customers;
using Backoffice.Core.Orders;
using Backoffice.Infra.Storage;
using Microsoft.Extensions.Logging;

namespace Backoffice.Infra.Customers;

public enum CustomerWrite
{
    Done,
    NotFound,
    Erased,
    NotThisCustomersOrder,

    /// <summary>An order of this customer is still being worked (the courier needs the address): erase after it ends.</summary>
    HasOpenOrders,
}

/// <summary>How to find customers: by the start of a phone number, by the start of a name, or all of them.</summary>
public sealed record CustomerQuery(string? PhonePrefix, string? NamePrefix);

/// <summary>
/// A merchant's customer base on Table Storage. Orders are linked by their customer's phone (E.164), else e-mail;
/// the order pointer row makes linking idempotent and lets later status changes update the counts exactly once per
/// change (the stored order version only moves forward). Search reads index rows (phone, name words), never scans.
/// <para>
/// The profile row stays one size however many orders share an identity (a marketplace's masked e-mail, a shop's test
/// address): it holds the latest contact data, the tags, the current name's search keys and the counts. Everything
/// that grows with the orders is a row of its own — an order row and pointer per order, an index row and an identity
/// row (<see cref="CustomerKeys.Identity"/>) per distinct phone or e-mail — so no link ever meets Table Storage's
/// 64 KiB property or 1 MiB entity limit.
/// </para>
/// </summary>
public sealed class CustomerStore(StorageClients clients, TimeProvider clock, ILogger<CustomerStore> logger)
{
    public const int MaxPageSize = 100;
    private const int MaxAttempts = 20;

    /// <summary>Table Storage's limit of operations in one entity-group transaction.</summary>
    private const int MaxTransactionActions = 100;

    /// <summary>
    /// Where profiles written before identities had rows of their own listed the customer's phones and e-mails (a
    /// list that grew with every new phone). Such lists are moved to identity rows by the next link or the erasure.
    /// </summary>
    private static readonly string[] IdentityLists = ["Phones", "Emails"];

    private TableClient Table => clients.Table(TableNames.Customers);

    /// <summary>
    /// Links the order to its customer (creating the customer on a first order) or, when already linked, brings the
    /// customer's record of it up to the order's version. Returns the customer id, or null when the order carries no
    /// usable phone or e-mail.
    /// </summary>
    public Task<string?> SyncOrderAsync(PlacedOrder order, CancellationToken ct = default) => SyncOrderAsync(order, linkedBefore: true, ct);

    /// <param name="order">The order as committed.</param>
    /// <param name="linkedBefore">False for an order's first status: the pointer read is skipped (one request less per new order).</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<string?> SyncOrderAsync(PlacedOrder order, bool linkedBefore, CancellationToken ct = default)
    {
        var facts = OrderFacts.Of(order);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // linkedBefore: false (the order's first status) goes straight to linking: the link transaction adds the
                // order's pointer row, so if an earlier run linked it after all, it fails with 409 and the retry reads it.
                var pointer = !linkedBefore && attempt == 1 ? null : await LoadAsync(order.MerchantId, CustomerKeys.Pointer(order.OrderId), ct).ConfigureAwait(false);
                if (pointer is not null)
                {
                    await UpdateLinkedAsync(order.MerchantId, pointer, facts, ct).ConfigureAwait(false);
                    return pointer.GetString("CustomerId");
                }

                return await LinkAsync(order, facts, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsConflict(ex) && attempt < MaxAttempts)
            {
                // Another writer linked this order or changed this customer first: read again and decide again.
            }
        }
    }

    public async Task<CustomerProfile?> GetAsync(string merchantId, string customerId, CancellationToken ct = default)
    {
        var row = await LoadAsync(merchantId, CustomerKeys.Profile(customerId), ct).ConfigureAwait(false);
        return row is null ? null : ReadProfile(row);
    }

    public async Task<string?> CustomerOfOrderAsync(string merchantId, string orderId, CancellationToken ct = default) =>
        (await LoadAsync(merchantId, CustomerKeys.Pointer(orderId), ct).ConfigureAwait(false))?.GetString("CustomerId");

    public async Task<IReadOnlyList<OrderFacts>> OrdersAsync(string merchantId, string customerId, int take, CancellationToken ct = default) =>
        await TakeAsync(CustomerKeys.StartsWith(merchantId, CustomerKeys.OrdersOf(customerId)), take, ReadFacts, ct).ConfigureAwait(false);

    public async Task<IReadOnlyList<CallAttempt>> CallsAsync(string merchantId, string customerId, int take, CancellationToken ct = default) =>
        await TakeAsync(CustomerKeys.StartsWith(merchantId, CustomerKeys.CallsOf(customerId)), take, ReadCall, ct).ConfigureAwait(false);

    /// <summary>Adds a call attempt to the contact log; the order named must be one of this customer's.</summary>
    public async Task<CustomerWrite> RecordCallAsync(string merchantId, string customerId, CallAttempt call, CancellationToken ct = default)
    {
        var profile = await GetAsync(merchantId, customerId, ct).ConfigureAwait(false);
        if (profile is null)
        {
            return CustomerWrite.NotFound;
        }

        if (profile.Erased)
        {
            return CustomerWrite.Erased;
        }

        if (call.OrderId is { } orderId && await CustomerOfOrderAsync(merchantId, orderId, ct).ConfigureAwait(false) != customerId)
        {
            return CustomerWrite.NotThisCustomersOrder;
        }

        await Table.AddEntityAsync(
            new TableEntity(merchantId, CustomerKeys.Call(customerId, call.At, call.CallId))
            {
                ["CallId"] = call.CallId,
                ["OrderId"] = call.OrderId,
                ["Outcome"] = call.Outcome.ToString(),
                ["Note"] = call.Note,
                ["At"] = call.At,
                ["UserId"] = call.By.UserId,
                ["Role"] = call.By.Role,
                ["Channel"] = call.By.Channel,
            },
            ct).ConfigureAwait(false);
        return CustomerWrite.Done;
    }

    public async Task<(CustomerWrite Result, CustomerProfile? Profile)> SetTagsAsync(
        string merchantId, string customerId, IReadOnlyList<string> tags, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var row = await LoadAsync(merchantId, CustomerKeys.Profile(customerId), ct).ConfigureAwait(false);
            if (row is null)
            {
                return (CustomerWrite.NotFound, null);
            }

            if (row.GetBoolean("Erased") == true)
            {
                return (CustomerWrite.Erased, ReadProfile(row));
            }

            row["Tags"] = Json.Serialize(tags);
            row["UpdatedAt"] = clock.GetUtcNow();
            try
            {
                await Table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, ct).ConfigureAwait(false);
                return (CustomerWrite.Done, ReadProfile(row));
            }
            catch (RequestFailedException ex) when (ex.Status == 412 && attempt < MaxAttempts)
            {
            }
        }
    }

    /// <summary>One page of customers: by phone prefix, by name prefix, or all (in id order).</summary>
    public async Task<Orders.Page<CustomerProfile>> SearchAsync(
        string merchantId, CustomerQuery query, int pageSize, string? continuation, CancellationToken ct = default)
    {
        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        var filter = query switch
        {
            { PhonePrefix: { } phone } => CustomerKeys.StartsWith(merchantId, CustomerKeys.Phone(phone)),
            { NamePrefix: { } name } => CustomerKeys.StartsWith(merchantId, CustomerKeys.NamePrefix + Stock.KeySegment.Escape(name)),
            _ => CustomerKeys.StartsWith(merchantId, CustomerKeys.ProfilePrefix),
        };
        await foreach (var page in Table.QueryAsync<TableEntity>(filter, size, cancellationToken: ct).AsPages(continuation, size).ConfigureAwait(false))
        {
            IReadOnlyList<CustomerProfile> profiles;
            if (query is { PhonePrefix: null, NamePrefix: null })
            {
                profiles = page.Values.Select(ReadProfile).ToArray();
            }
            else
            {
                var ids = page.Values.Select(e => e.GetString("CustomerId")).Distinct(StringComparer.Ordinal).ToArray();
                var loaded = await Task.WhenAll(ids.Select(id => GetAsync(merchantId, id, ct))).ConfigureAwait(false);
                profiles = loaded.OfType<CustomerProfile>().ToArray();
            }

            return new Orders.Page<CustomerProfile>(profiles, page.ContinuationToken);
        }

        return new Orders.Page<CustomerProfile>([], null);
    }

    /// <summary>Every customer of the merchant, for the export (the SDK pages through the partition).</summary>
    public async IAsyncEnumerable<CustomerProfile> AllAsync(string merchantId, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var e in Table.QueryAsync<TableEntity>(CustomerKeys.StartsWith(merchantId, CustomerKeys.ProfilePrefix), MaxPageSize, cancellationToken: ct).ConfigureAwait(false))
        {
            yield return ReadProfile(e);
        }
    }

    /// <summary>
    /// Erases a customer's personal data: the profile keeps its id, counts and money; name, phone, e-mail, address
    /// and tags go, with every index row that could find them. Returns the ids of the customer's orders so the
    /// caller can anonymise those too. Running it again on an erased customer changes nothing here.
    /// <para>
    /// The phone and e-mail index rows go first, each with its identity row in the same transaction, while the profile
    /// is not yet marked erased: an erasure interrupted half-way is resumed by running it again (the identity rows
    /// left say which index rows are left). Then one version-checked transaction erases the profile with its name
    /// index rows; a link that added an identity meanwhile changed the profile's ETag, so the erasure goes round again
    /// and deletes that one too.
    /// </para>
    /// </summary>
    public async Task<(CustomerWrite Result, IReadOnlyList<string> OrderIds)> EraseProfileAsync(
        string merchantId, string customerId, Actor by, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var row = await LoadAsync(merchantId, CustomerKeys.Profile(customerId), ct).ConfigureAwait(false);
            if (row is null)
            {
                return (CustomerWrite.NotFound, []);
            }

            var orderIds = await OrderIdsAsync(merchantId, customerId, ct).ConfigureAwait(false);
            if (row.GetBoolean("Erased") == true)
            {
                return (CustomerWrite.Done, orderIds);
            }

            try
            {
                if (ListedIdentities(row).Count > 0)
                {
                    await MoveListedIdentitiesAsync(row, ct).ConfigureAwait(false);
                    continue;
                }

                await DeleteIdentitiesAsync(merchantId, customerId, ct).ConfigureAwait(false);
                var actions = ReadList(row, "NameKeys")
                    .Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(merchantId, CustomerKeys.Name(k, customerId)), ETag.All))
                    .ToList();
                var now = clock.GetUtcNow();
                foreach (var name in new[] { "Name", "Phone", "Email", "Address" })
                {
                    row[name] = null;
                }

                row["Name"] = PersonalData.ErasedName;
                row["Tags"] = "[]";
                row["NameKeys"] = "[]";
                row["Erased"] = true;
                row["ErasedAt"] = now;
                row["ErasedBy"] = by.UserId;
                row["UpdatedAt"] = now;
                actions.Insert(0, new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, row.ETag));
                await Table.SubmitTransactionAsync(actions, ct).ConfigureAwait(false);
                logger.LogInformation("Customer {CustomerId} of {MerchantId} erased by {UserId}", customerId, merchantId, by.UserId);
                return (CustomerWrite.Done, orderIds);
            }
            catch (Exception ex) when (IsConflict(ex) && attempt < MaxAttempts)
            {
                // A link changed the profile, or another erasure of this customer got to some rows first: read again.
            }
        }
    }

    /// <summary>Clears the notes of a customer's contact log (outcomes and times stay: they are not about the person).</summary>
    public async Task ScrubCallNotesAsync(string merchantId, string customerId, CancellationToken ct = default)
    {
        var withNotes = new List<TableEntity>();
        await foreach (var e in Table.QueryAsync<TableEntity>(CustomerKeys.StartsWith(merchantId, CustomerKeys.CallsOf(customerId)), cancellationToken: ct).ConfigureAwait(false))
        {
            // A merge cannot remove a property (nulls are not sent), so the row is replaced without its note.
            if (e.Remove("Note"))
            {
                withNotes.Add(e);
            }
        }

        foreach (var chunk in withNotes.Chunk(100))
        {
            await Table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpdateReplace, e, ETag.All)), ct).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<string>> OrderIdsAsync(string merchantId, string customerId, CancellationToken ct = default)
    {
        var ids = new List<string>();
        await foreach (var e in Table.QueryAsync<TableEntity>(
            CustomerKeys.StartsWith(merchantId, CustomerKeys.OrdersOf(customerId)), select: ["OrderId"], cancellationToken: ct).ConfigureAwait(false))
        {
            ids.Add(e.GetString("OrderId"));
        }

        return ids;
    }

    /// <summary>
    /// Brings the customer's record of a linked order up to <paramref name="facts"/>. The pointer row carries a copy of
    /// the facts last counted, so a status change costs the pointer read and one transaction (the profile is read too
    /// when the outcome or the delivered value changes). Every write of the order row goes with a version-checked write
    /// of the pointer in the same transaction, so the pointer's ETag serialises writers and the order row itself is
    /// replaced without a check. A pointer written before it carried the facts is read the old way (the order row) and
    /// gets them in the same transaction.
    /// </summary>
    private async Task UpdateLinkedAsync(string merchantId, TableEntity pointer, OrderFacts facts, CancellationToken ct)
    {
        var customerId = pointer.GetString("CustomerId");
        var orderRowKey = pointer.GetString("OrderRow");
        var actions = new List<TableTransactionAction>();
        OrderFacts before;
        if (pointer.GetInt32("Version") is not null)
        {
            before = ReadFacts(pointer);
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, OrderEntity(merchantId, orderRowKey, facts)));
        }
        else
        {
            var orderRow = await LoadAsync(merchantId, orderRowKey, ct).ConfigureAwait(false)
                ?? throw new InvalidDataException($"Customer order row of {facts.OrderId} is missing.");
            before = ReadFacts(orderRow);
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, OrderEntity(merchantId, orderRow.RowKey, facts), orderRow.ETag));
        }

        if (before.Version >= facts.Version)
        {
            return; // A newer (or the same) change was counted already: changes may arrive twice or out of order.
        }

        actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, PointerEntity(merchantId, facts, customerId, orderRowKey), pointer.ETag));
        if (before.Outcome != facts.Outcome || before.DeliveredValue != facts.DeliveredValue)
        {
            var profile = await LoadAsync(merchantId, CustomerKeys.Profile(customerId), ct).ConfigureAwait(false)
                ?? throw new InvalidDataException($"Customer {customerId} is missing.");
            WriteStats(profile, ReadStats(profile).Apply(before, facts));
            profile["UpdatedAt"] = clock.GetUtcNow();
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, profile, profile.ETag));
        }

        await Table.SubmitTransactionAsync(actions, ct).ConfigureAwait(false);
    }

    /// <summary>The order's pointer: which customer and which order row, and a copy of the facts counted there.</summary>
    private static TableEntity PointerEntity(string merchantId, OrderFacts facts, string customerId, string orderRowKey)
    {
        var pointer = OrderEntity(merchantId, CustomerKeys.Pointer(facts.OrderId), facts);
        pointer["CustomerId"] = customerId;
        pointer["OrderRow"] = orderRowKey;
        return pointer;
    }

    private async Task<string?> LinkAsync(PlacedOrder order, OrderFacts facts, CancellationToken ct)
    {
        var merchantId = order.MerchantId;
        var person = order.Draft.Customer;
        var phone = Phones.Key(person.Phone);
        var email = EmailAddresses.Normalise(person.Email);
        if (phone is null && email is null)
        {
            logger.LogWarning("Order {MerchantId}/{OrderId} has no usable phone or e-mail; it is not linked to a customer", merchantId, order.OrderId);
            return null;
        }

        var phoneLookup = phone is null ? Task.FromResult<TableEntity?>(null) : LoadAsync(merchantId, CustomerKeys.Phone(phone), ct);
        var emailLookup = email is null ? Task.FromResult<TableEntity?>(null) : LoadAsync(merchantId, CustomerKeys.Email(email), ct);
        await Task.WhenAll(phoneLookup, emailLookup).ConfigureAwait(false);
        var phoneRow = await phoneLookup.ConfigureAwait(false);
        var emailRow = await emailLookup.ConfigureAwait(false);
        var known = phoneRow?.GetString("CustomerId") ?? emailRow?.GetString("CustomerId");
        var profile = known is null ? null : await LoadAsync(merchantId, CustomerKeys.Profile(known), ct).ConfigureAwait(false);
        var customerId = profile is null ? CustomerIds.New() : known!;
        var now = clock.GetUtcNow();
        var actions = new List<TableTransactionAction>();
        if (profile is not null && ListedIdentities(profile).Count > 0)
        {
            await UpsertIdentityRowsAsync(merchantId, customerId, ListedIdentities(profile), ct).ConfigureAwait(false);
            DropIdentityLists(profile); // written by this link's version-checked replace of the profile
        }

        var oldNameKeys = profile is null ? [] : ReadList(profile, "NameKeys");

        // Only an identity nobody holds yet is added (an index row found means it is known, to this customer or to
        // another), so each phone and e-mail is one index row and one identity row however many orders carry it.
        if (phone is not null && phoneRow is null)
        {
            actions.AddRange(NewIdentity(merchantId, customerId, CustomerKeys.Phone(phone)));
        }

        if (email is not null && emailRow is null)
        {
            actions.AddRange(NewIdentity(merchantId, customerId, CustomerKeys.Email(email)));
        }

        var latest = profile is null || order.PlacedAt >= (profile.GetDateTimeOffset("LastOrderAt") ?? default);
        var nameKeys = latest ? CustomerNames.SearchKeys(person.Name) : oldNameKeys;
        foreach (var gone in oldNameKeys.Except(nameKeys, StringComparer.Ordinal))
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(merchantId, CustomerKeys.Name(gone, customerId)), ETag.All));
        }

        foreach (var added in nameKeys.Except(oldNameKeys, StringComparer.Ordinal))
        {
            actions.Add(Add(merchantId, CustomerKeys.Name(added, customerId), customerId));
        }

        var row = profile ?? new TableEntity(merchantId, CustomerKeys.Profile(customerId))
        {
            ["CustomerId"] = customerId,
            ["Tags"] = "[]",
            ["Currency"] = facts.Currency,
            ["FirstOrderAt"] = order.PlacedAt,
            ["LastOrderAt"] = order.PlacedAt,
            ["Erased"] = false,
            ["CreatedAt"] = now,
        };
        if (latest)
        {
            row["Name"] = person.Name;
            row["Phone"] = phone ?? row.GetString("Phone");
            row["Email"] = email ?? row.GetString("Email");
            row["Address"] = Json.Serialize(person.Address);
            row["LastOrderAt"] = order.PlacedAt;
            row["LastOrderId"] = order.OrderId;
        }

        if (order.PlacedAt < (row.GetDateTimeOffset("FirstOrderAt") ?? order.PlacedAt))
        {
            row["FirstOrderAt"] = order.PlacedAt;
        }

        row["NameKeys"] = Json.Serialize(nameKeys);
        WriteStats(row, (profile is null ? CustomerStats.None : ReadStats(profile)).Apply(null, facts));
        row["UpdatedAt"] = now;
        actions.Insert(0, profile is null
            ? new TableTransactionAction(TableTransactionActionType.Add, row)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, profile.ETag));

        var orderRow = CustomerKeys.Order(customerId, order.PlacedAt, order.OrderId);
        actions.Add(new TableTransactionAction(TableTransactionActionType.Add, OrderEntity(merchantId, orderRow, facts)));
        actions.Add(new TableTransactionAction(TableTransactionActionType.Add, PointerEntity(merchantId, facts, customerId, orderRow)));
        await Table.SubmitTransactionAsync(actions, ct).ConfigureAwait(false);
        logger.LogInformation(
            "Order {MerchantId}/{OrderId} linked to {New} customer {CustomerId} ({Phone})",
            merchantId, order.OrderId, profile is null ? "new" : "known", customerId, PersonalData.MaskPhone(phone));
        return customerId;
    }

    private async Task<IReadOnlyList<T>> TakeAsync<T>(string filter, int take, Func<TableEntity, T> read, CancellationToken ct)
    {
        var result = new List<T>();
        await foreach (var e in Table.QueryAsync<TableEntity>(filter, Math.Clamp(take, 1, MaxPageSize), cancellationToken: ct).ConfigureAwait(false))
        {
            result.Add(read(e));
            if (result.Count >= take)
            {
                break;
            }
        }

        return result;
    }

    private async Task<TableEntity?> LoadAsync(string merchantId, string rowKey, CancellationToken ct)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(merchantId, rowKey, cancellationToken: ct).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    private static bool IsConflict(Exception ex) => ex switch
    {
        TableTransactionFailedException t => t.Status is 409 or 412 or 404,
        RequestFailedException r => r.Status is 409 or 412,
        _ => false,
    };

    private static TableTransactionAction Add(string merchantId, string rowKey, string customerId) =>
        new(TableTransactionActionType.Add, new TableEntity(merchantId, rowKey) { ["CustomerId"] = customerId });

    /// <summary>The index row that finds the customer by a phone or e-mail, and the identity row that lets erasure find the index row.</summary>
    private static TableTransactionAction[] NewIdentity(string merchantId, string customerId, string indexRowKey) =>
    [
        Add(merchantId, indexRowKey, customerId),
        new(TableTransactionActionType.UpsertReplace, IdentityEntity(merchantId, customerId, indexRowKey)),
    ];

    private static TableEntity IdentityEntity(string merchantId, string customerId, string indexRowKey) =>
        new(merchantId, CustomerKeys.Identity(customerId, indexRowKey)) { ["CustomerId"] = customerId };

    /// <summary>The index rows an older profile lists (see <see cref="IdentityLists"/>); each has its index row, as the old link and erasure kept them together.</summary>
    private static IReadOnlyList<string> ListedIdentities(TableEntity profile) =>
        ReadList(profile, "Phones").Select(CustomerKeys.Phone).Concat(ReadList(profile, "Emails").Select(CustomerKeys.Email)).Distinct(StringComparer.Ordinal).ToArray();

    private static void DropIdentityLists(TableEntity profile)
    {
        foreach (var name in IdentityLists)
        {
            // Replace writes only the properties the entity has, so a removed one is gone from the stored row.
            profile.Remove(name);
        }
    }

    /// <summary>
    /// Gives each listed identity its row. Upserts, and true whenever they run (the identities are the customer's),
    /// so they may precede the write that drops the list, and may be repeated when that write loses a race.
    /// </summary>
    private async Task UpsertIdentityRowsAsync(string merchantId, string customerId, IReadOnlyList<string> indexRowKeys, CancellationToken ct)
    {
        foreach (var chunk in indexRowKeys.Chunk(MaxTransactionActions))
        {
            await Table.SubmitTransactionAsync(
                chunk.Select(k => new TableTransactionAction(TableTransactionActionType.UpsertReplace, IdentityEntity(merchantId, customerId, k))), ct).ConfigureAwait(false);
        }
    }

    /// <summary>An older profile's lists become identity rows and leave the profile (version-checked: a 412 means read again).</summary>
    private async Task MoveListedIdentitiesAsync(TableEntity profile, CancellationToken ct)
    {
        await UpsertIdentityRowsAsync(profile.PartitionKey, profile.GetString("CustomerId"), ListedIdentities(profile), ct).ConfigureAwait(false);
        DropIdentityLists(profile);
        await Table.UpdateEntityAsync(profile, profile.ETag, TableUpdateMode.Replace, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes every identity row of the customer together with the index row it names, a pair per transaction slot
    /// (50 pairs a transaction), so an identity row left behind always means its index row is still there.
    /// </summary>
    private async Task DeleteIdentitiesAsync(string merchantId, string customerId, CancellationToken ct)
    {
        var prefix = CustomerKeys.IdentitiesOf(customerId);
        var identities = new List<string>();
        await foreach (var e in Table.QueryAsync<TableEntity>(CustomerKeys.StartsWith(merchantId, prefix), select: ["RowKey"], cancellationToken: ct).ConfigureAwait(false))
        {
            identities.Add(e.RowKey);
        }

        foreach (var chunk in identities.Chunk(MaxTransactionActions / 2))
        {
            await Table.SubmitTransactionAsync(
                chunk.SelectMany(key => new[]
                {
                    new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(merchantId, key), ETag.All),
                    new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(merchantId, key[prefix.Length..]), ETag.All),
                }),
                ct).ConfigureAwait(false);
        }
    }

    private static List<string> ReadList(TableEntity e, string name) =>
        e.GetString(name) is { Length: > 0 } json ? Json.Deserialize<List<string>>(json) : [];

    private static CustomerStats ReadStats(TableEntity e) => new(
        e.GetInt32("Orders") ?? 0, e.GetInt32("Delivered") ?? 0, e.GetInt32("Refused") ?? 0, e.GetInt32("Cancelled") ?? 0, e.GetInt64("LifetimeValue") ?? 0);

    private static void WriteStats(TableEntity e, CustomerStats stats)
    {
        e["Orders"] = stats.Orders;
        e["Delivered"] = stats.Delivered;
        e["Refused"] = stats.Refused;
        e["Cancelled"] = stats.Cancelled;
        e["LifetimeValue"] = stats.LifetimeValue;
    }

    private static CustomerProfile ReadProfile(TableEntity e) => new(
        e.PartitionKey,
        e.GetString("CustomerId"),
        e.GetString("Name") ?? string.Empty,
        e.GetString("Phone"),
        e.GetString("Email"),
        e.GetString("Address") is { Length: > 0 } address ? Json.Deserialize<Address>(address) : null,
        ReadList(e, "Tags"),
        ReadStats(e),
        e.GetString("Currency") ?? string.Empty,
        e.GetDateTimeOffset("FirstOrderAt") ?? default,
        e.GetDateTimeOffset("LastOrderAt") ?? default,
        e.GetString("LastOrderId"),
        e.GetBoolean("Erased") ?? false,
        e.GetDateTimeOffset("ErasedAt"));

    private static TableEntity OrderEntity(string merchantId, string rowKey, OrderFacts f) => new(merchantId, rowKey)
    {
        ["OrderId"] = f.OrderId,
        ["ExternalOrderId"] = f.ExternalOrderId,
        ["PlacedAt"] = f.PlacedAt,
        ["Stage"] = f.Stage.ToString(),
        ["Outcome"] = f.Outcome.ToString(),
        ["Payment"] = f.Payment.ToString(),
        ["OrderedValue"] = f.OrderedValue,
        ["DeliveredValue"] = f.DeliveredValue,
        ["Currency"] = f.Currency,
        ["Version"] = f.Version,
    };

    private static OrderFacts ReadFacts(TableEntity e) => new(
        e.GetString("OrderId"),
        e.GetString("ExternalOrderId"),
        e.GetDateTimeOffset("PlacedAt") ?? default,
        Enum.Parse<Stage>(e.GetString("Stage")),
        Enum.Parse<OrderOutcome>(e.GetString("Outcome")),
        Enum.Parse<PaymentMethod>(e.GetString("Payment")),
        e.GetInt64("OrderedValue") ?? 0,
        e.GetInt64("DeliveredValue") ?? 0,
        e.GetString("Currency"),
        e.GetInt32("Version") ?? 0);

    private static CallAttempt ReadCall(TableEntity e) => new(
        e.GetString("CallId"),
        e.GetString("OrderId"),
        Enum.Parse<CallOutcome>(e.GetString("Outcome")),
        e.GetString("Note"),
        e.GetDateTimeOffset("At") ?? default,
        new Actor(e.GetString("UserId") ?? "unknown", e.GetString("Role") ?? "unknown", e.GetString("Channel") ?? "unknown"));
}
