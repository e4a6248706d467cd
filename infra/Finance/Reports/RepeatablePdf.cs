using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Backoffice.Infra.Finance.Reports;

/// <summary>
/// Makes a PDF written by PDFsharp 6.2 repeatable: the same rows must give the same bytes (two runs of a period race
/// to upload "if none match", and a redone run must find the file it recorded). PDFsharp puts random values in every
/// file: the trailer's /ID, the six-letter tag of each embedded font subset ("ABCDEF+DejaVu Sans Mono") and the XMP
/// metadata's DocumentID and InstanceID (new GUIDs), and its XMP carries create/modify dates (the year 1 in the local
/// time zone once the info dictionary has no creation date). Each of those has a fixed length, so they are overwritten
/// in place and the cross-reference offsets stay valid: first blanked, then the file is hashed, then the ids and tags
/// are derived from that hash, and the dates stay blank. The /ID is thereby computed from the content, as the spec
/// asks.
/// </summary>
internal static partial class RepeatablePdf
{
    public static void Stamp(byte[] pdf)
    {
        // Latin-1 maps each byte to one char, so match indexes are byte offsets.
        var text = Encoding.Latin1.GetString(pdf);
        var ids = TrailerId().Matches(text);
        var tags = SubsetTag().Matches(text);
        var xmpIds = XmpId().Matches(text);
        if (ids.Count != 1 || tags.Count == 0)
        {
            // A PDFsharp upgrade changed what it writes: fail the run rather than upload files that differ run by run.
            throw new InvalidOperationException($"The PDF writer's output changed ({ids.Count} /ID entries, {tags.Count} font subset tags): reports would not be repeatable.");
        }

        foreach (Match id in ids)
        {
            Fill(pdf, id.Groups[1], (byte)'0');
            Fill(pdf, id.Groups[2], (byte)'0');
        }

        foreach (Match tag in tags)
        {
            Fill(pdf, tag.Groups[1], (byte)'A');
        }

        foreach (Match xmpId in xmpIds)
        {
            Fill(pdf, xmpId.Groups[1], (byte)'0');
        }

        foreach (Match date in XmpDate().Matches(text))
        {
            Fill(pdf, date.Groups[0], (byte)' '); // whitespace between XMP elements is allowed padding
        }

        var hash = SHA256.HashData(pdf);
        var documentId = Encoding.ASCII.GetBytes(Convert.ToHexString(hash, 0, 16));
        foreach (Match id in ids)
        {
            documentId.CopyTo(pdf, id.Groups[1].Index);
            documentId.CopyTo(pdf, id.Groups[2].Index);
        }

        var xmpDocument = Encoding.ASCII.GetBytes(new Guid(hash.AsSpan(0, 16)).ToString("D"));
        var xmpInstance = Encoding.ASCII.GetBytes(new Guid(hash.AsSpan(16, 16)).ToString("D"));
        foreach (Match xmpId in xmpIds)
        {
            (xmpId.Groups[2].Value == "DocumentID" ? xmpDocument : xmpInstance).CopyTo(pdf, xmpId.Groups[1].Index);
        }

        // One tag per subset, as PDFsharp gave them (each font's descriptor, CID font and Type0 font share it).
        var derived = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (Match tag in tags)
        {
            var original = tag.Groups[1].Value;
            if (!derived.TryGetValue(original, out var replacement))
            {
                var seed = SHA256.HashData([.. hash, .. BitConverter.GetBytes(derived.Count)]);
                replacement = [.. seed.Take(6).Select(b => (byte)('A' + (b % 26)))];
                derived[original] = replacement;
            }

            replacement.CopyTo(pdf, tag.Groups[1].Index);
        }
    }

    private static void Fill(byte[] pdf, Group group, byte value) => pdf.AsSpan(group.Index, group.Length).Fill(value);

    [GeneratedRegex(@"/ID\s*\[\s*<([0-9A-Fa-f]{32})>\s*<([0-9A-Fa-f]{32})>\s*\]")]
    private static partial Regex TrailerId();

    [GeneratedRegex(@"/(?:BaseFont|FontName)\s*/([A-Z]{6})\+")]
    private static partial Regex SubsetTag();

    [GeneratedRegex(@"<xmpMM:(?:DocumentID|InstanceID)>uuid:([0-9a-fA-F-]{36})</xmpMM:(DocumentID|InstanceID)>")]
    private static partial Regex XmpId();

    [GeneratedRegex(@"<xmp:(CreateDate|ModifyDate|MetadataDate)>[^<]*</xmp:\1>")]
    private static partial Regex XmpDate();
}
