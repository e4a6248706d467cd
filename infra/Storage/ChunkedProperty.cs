using Azure.Data.Tables;

namespace Backoffice.Infra.Storage;

/// <summary>
/// Table Storage caps a string property at 32K UTF-16 characters; documents are split across numbered properties
/// (the entity as a whole may reach 1 MiB).
/// </summary>
public static class ChunkedProperty
{
    private const int ChunkLength = 30_000;
    private const int MaxChunks = 15;

    public static void Write(TableEntity entity, string name, string value)
    {
        var count = (value.Length + ChunkLength - 1) / ChunkLength;
        if (count > MaxChunks)
        {
            throw new InvalidOperationException($"{name} is {value.Length} characters, more than a table entity can hold.");
        }

        entity[name + "Chunks"] = Math.Max(count, 1);
        for (var i = 0; i < Math.Max(count, 1); i++)
        {
            entity[$"{name}{i}"] = value.Substring(i * ChunkLength, Math.Min(ChunkLength, value.Length - (i * ChunkLength)));
        }
    }

    public static string Read(TableEntity entity, string name)
    {
        var count = entity.GetInt32(name + "Chunks") ?? 0;
        return count == 1 ? entity.GetString(name + "0") : string.Concat(Enumerable.Range(0, count).Select(i => entity.GetString($"{name}{i}")));
    }
}
