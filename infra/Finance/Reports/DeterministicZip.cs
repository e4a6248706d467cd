using System.IO.Compression;

namespace Backoffice.Infra.Finance.Reports;

/// <summary>
/// Re-zips an OpenXml package with every entry stamped at one fixed time, [Content_Types].xml first and the rest in
/// name order: System.IO.Packaging stamps entries with the current time, which would make every run's bytes differ.
/// Entries named in <c>replacements</c> take their content from that file instead, streamed (the archive is written in
/// create mode, which compresses as it goes and buffers nothing).
/// </summary>
internal static class DeterministicZip
{
    public static readonly DateTimeOffset EntryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static void Copy(Stream package, Stream output, IReadOnlyDictionary<string, string>? replacements = null)
    {
        using var source = new ZipArchive(package, ZipArchiveMode.Read, leaveOpen: true);
        using var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var entry in source.Entries.OrderBy(e => e.FullName == "[Content_Types].xml" ? 0 : 1).ThenBy(e => e.FullName, StringComparer.Ordinal))
        {
            var copy = target.CreateEntry(entry.FullName, CompressionLevel.Optimal);
            copy.LastWriteTime = EntryTime;
            using var from = replacements is not null && replacements.TryGetValue(entry.FullName, out var path) ? File.OpenRead(path) : entry.Open();
            using var to = copy.Open();
            from.CopyTo(to);
        }
    }
}
