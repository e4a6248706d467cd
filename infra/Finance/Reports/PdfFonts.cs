using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Backoffice.Infra.Finance.Reports;

/// <summary>
/// The PDF reports' font: DejaVu Sans Mono regular and bold (Fonts/README.md; Bitstream Vera licence, DejaVu changes in
/// the public domain, Fonts/LICENSE.txt), embedded in this assembly and subset into each PDF. Merchants are
/// Russian-speaking shops: a standard PDF font covers neither Cyrillic nor « » № —, and a monospaced face keeps the
/// report's columns aligned.
/// </summary>
/// <remarks>
/// The typefaces are built straight from the font bytes (<see cref="XGlyphTypeface(XFontSource)"/>), not through
/// <see cref="GlobalFontSettings.FontResolver"/>: that resolver is process-wide, may be set only once and before any font
/// is used, so a report would break, or break another PDF feature, if someone else set it first. Nothing here touches
/// global settings.
/// </remarks>
internal static class PdfFonts
{
    private static readonly Lazy<bool[]> Covered = new(() =>
    {
        var covered = new bool[char.MaxValue + 1];
        for (var c = 0; c <= char.MaxValue; c++)
        {
            covered[c] = PdfFace.Regular.Has((char)c) && PdfFace.Bold.Has((char)c);
        }

        return covered;
    });

    /// <summary>
    /// Text as the monospaced table can print it, one character per cell: what the font lacks (Chinese, emoji: one '?'
    /// for a surrogate pair) prints as '?'; line breaks and other controls become a space (a row is one line); invisible
    /// format characters (direction overrides, zero-width joiners, soft hyphens) and combining marks that do not
    /// compose with their letter (a Russian stress mark) are dropped, as each would take a cell of its own.
    /// </summary>
    public static string Printable(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        // Surrogates first: a lone one would make Normalize throw, and a pair is one glyph the font does not have.
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }

            builder.Append(char.IsSurrogate(c) ? '?' : c);
        }

        // Composed, so "u" + combining diaeresis is the one cell "ü".
        var composed = builder.ToString().Normalize(NormalizationForm.FormC);
        var covered = Covered.Value;
        builder.Clear();
        foreach (var c in composed)
        {
            switch (CharUnicodeInfo.GetUnicodeCategory(c))
            {
                case UnicodeCategory.Control or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator:
                    builder.Append(' ');
                    break;
                case UnicodeCategory.Format or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark:
                    break;
                default:
                    builder.Append(covered[c] ? c : '?');
                    break;
            }
        }

        return builder.ToString();
    }
}

/// <summary>
/// One face of the report font, with what PDFsharp's subsetting needs to be told. PDFsharp 6.2 embeds the glyphs drawn
/// plus the glyphs they are directly built from, but not a component's own components: DejaVu builds "Ё" from "Е" and a
/// diaeresis, and "Е" from "E", so "Ёлка" alone printed as "¨лка". <see cref="Parts"/> names the characters whose glyphs
/// are such nested components, and the report adds them to the document (<see cref="PdfDocument.AddCharacters"/>), so
/// their components are embedded too. A character built from an unnamed nested component cannot be fixed that way and
/// counts as missing (none in DejaVu Sans Mono 2.37).
/// </summary>
internal sealed class PdfFace
{
    private static readonly Lazy<PdfFace> RegularFace = new(() => new PdfFace("DejaVuSansMono.ttf"));
    private static readonly Lazy<PdfFace> BoldFace = new(() => new PdfFace("DejaVuSansMono-Bold.ttf"));

    /// <summary>
    /// Unicode: every character is written as its glyph id with a ToUnicode map, so readers (and search, copy, the
    /// tests' PdfPig) get the text back. Only the glyphs used are embedded.
    /// </summary>
    private static readonly XPdfFontOptions Options = new(PdfFontEncoding.Unicode, PdfFontEmbedding.TryComputeSubset);

    private readonly XGlyphTypeface _typeface;
    private readonly bool[] _printable = new bool[char.MaxValue + 1];
    private readonly Dictionary<char, string> _parts = [];

    private PdfFace(string file)
    {
        using var stream = typeof(PdfFace).Assembly.GetManifestResourceStream($"Backoffice.Infra.Finance.Reports.Fonts.{file}")
            ?? throw new InvalidOperationException($"The font {file} is not embedded in {typeof(PdfFace).Assembly.GetName().Name}.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        _typeface = new XGlyphTypeface(XFontSource.GetOrCreateFrom(bytes));

        var font = Font(10);
        var glyphs = new int[char.MaxValue + 1];
        var named = new Dictionary<int, char>();
        for (var c = 0; c <= char.MaxValue; c++)
        {
            glyphs[c] = char.IsSurrogate((char)c) ? 0 : GlyphHelper.GlyphIndexFromCodePoint(c, font);
            if (glyphs[c] != 0)
            {
                named.TryAdd(glyphs[c], (char)c);
            }
        }

        var components = CompositeGlyphs(bytes);
        for (var c = 0; c <= char.MaxValue; c++)
        {
            if (glyphs[c] == 0)
            {
                continue;
            }

            var parts = new StringBuilder();
            var printable = true;
            foreach (var nested in Nested(glyphs[c], components))
            {
                if (named.TryGetValue(nested, out var part))
                {
                    parts.Append(part);
                }
                else
                {
                    printable = false;
                }
            }

            _printable[c] = printable;
            if (printable && parts.Length > 0)
            {
                _parts[(char)c] = parts.ToString();
            }
        }
    }

    public static PdfFace Regular => RegularFace.Value;

    public static PdfFace Bold => BoldFace.Value;

    public XFont Font(double size) => new(_typeface, size, Options);

    public bool Has(char c) => _printable[c];

    /// <summary>Adds to <paramref name="parts"/> the characters whose glyphs <paramref name="text"/>'s glyphs are built from at second hand.</summary>
    public void Parts(string text, ISet<char> parts)
    {
        foreach (var c in text)
        {
            if (_parts.TryGetValue(c, out var more))
            {
                parts.UnionWith(more);
            }
        }
    }

    /// <summary>The composite glyphs among the components of <paramref name="glyph"/>, at any depth: each needs adding itself.</summary>
    private static HashSet<int> Nested(int glyph, Dictionary<int, int[]> components)
    {
        var nested = new HashSet<int>();
        var pending = new Stack<int>([glyph]);
        while (pending.TryPop(out var next))
        {
            foreach (var component in components.GetValueOrDefault(next, []))
            {
                if (components.ContainsKey(component) && nested.Add(component))
                {
                    pending.Push(component);
                }
            }
        }

        return nested;
    }

    /// <summary>The components of every composite glyph, read from the font's 'glyf' table (OpenType spec, "glyf" and "loca").</summary>
    private static Dictionary<int, int[]> CompositeGlyphs(byte[] font)
    {
        var data = font.AsSpan();
        var tables = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < BinaryPrimitives.ReadUInt16BigEndian(data[4..]); i++)
        {
            var record = data.Slice(12 + (16 * i), 16);
            tables[Encoding.ASCII.GetString(record[..4])] = checked((int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]));
        }

        var longOffsets = BinaryPrimitives.ReadInt16BigEndian(data[(tables["head"] + 50)..]) == 1;
        var glyphCount = BinaryPrimitives.ReadUInt16BigEndian(data[(tables["maxp"] + 4)..]);
        int Offset(int glyph) => longOffsets
            ? checked((int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(tables["loca"] + (4 * glyph))))
            : 2 * BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(tables["loca"] + (2 * glyph)));

        var composites = new Dictionary<int, int[]>();
        for (var glyph = 0; glyph < glyphCount; glyph++)
        {
            var start = Offset(glyph);
            if (start == Offset(glyph + 1) || BinaryPrimitives.ReadInt16BigEndian(data[(tables["glyf"] + start)..]) >= 0)
            {
                continue; // empty, or a simple glyph with its own contours
            }

            var parts = new List<int>();
            var at = tables["glyf"] + start + 10;
            ushort flags;
            do
            {
                flags = BinaryPrimitives.ReadUInt16BigEndian(data[at..]);
                parts.Add(BinaryPrimitives.ReadUInt16BigEndian(data[(at + 2)..]));
                at += 4 + ((flags & 0x0001) != 0 ? 4 : 2); // ARG_1_AND_2_ARE_WORDS
                at += (flags & 0x0008) != 0 ? 2 : (flags & 0x0040) != 0 ? 4 : (flags & 0x0080) != 0 ? 8 : 0; // the scale, if any
            }
            while ((flags & 0x0020) != 0); // MORE_COMPONENTS

            composites[glyph] = [.. parts];
        }

        return composites;
    }
}
