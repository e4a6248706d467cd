using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Backoffice.Infra.Finance.Reports;
using UglyToad.PdfPig;
using Xunit;

namespace Backoffice.Finance.Tests.Reports;

/// <summary>The PDF writer on its own (no storage): embedded font, text clean-up and repeatable bytes.</summary>
public sealed partial class PdfReportTests
{
    private static readonly ReportHeading Heading = new(
        "Cash settlement 2026-W47: Магазин «Ромашка» №5 — Müller",
        [new("Merchant", "Магазин «Ромашка» №5 — Müller (romashka)"), new("Currency", "RUB")],
        "RUB",
        [
            new("type", "Type", ReportValue.Text, 10),
            new("order_id", "Order", ReportValue.Text, 16),
            new("cash", "Cash", ReportValue.Money, 12),
            new("note", "Note", ReportValue.Text, 40),
        ]);

    private static byte[] Pdf(int lines, string note = "«Ромашка» №5 — доставка")
    {
        using var report = new ReportSet(Heading, pdfLineLimit: 1_000);
        for (var i = 0; i < lines; i++)
        {
            report.Row(ReportRowKind.Line, "order", $"Заказ-{i:D4}", 150_000L + i, note);
        }

        report.Row(ReportRowKind.Total, "total", $"{lines} orders", 150_000L * lines, null);
        return File.ReadAllBytes(report.Complete().Single(f => f.Format == "pdf").Path);
    }

    private static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(p => p.Text));
    }

    [Fact]
    public void The_same_rows_give_the_same_bytes_even_when_reports_are_built_at_once()
    {
        var first = Pdf(300);
        var others = new byte[8][];
        Parallel.For(0, others.Length, i => others[i] = Pdf(300));

        Assert.All(others, other => Assert.Equal(first, other));
        Assert.True(Text(first).Contains("Заказ-0299", StringComparison.Ordinal));
    }

    [Fact]
    public void The_document_id_is_a_hash_of_the_content_and_the_metadata_has_no_dates()
    {
        var one = Pdf(3);
        var other = Pdf(4);
        var latin1 = Encoding.Latin1.GetString(one);

        Assert.NotEqual(TrailerId(one), TrailerId(other));
        Assert.Equal(TrailerId(one), TrailerId(Pdf(3)));
        Assert.DoesNotContain("CreationDate", latin1, StringComparison.Ordinal);
        Assert.DoesNotContain("ModDate", latin1, StringComparison.Ordinal);
        Assert.DoesNotContain("CreateDate>", latin1, StringComparison.Ordinal); // XMP
        Assert.DoesNotContain("ModifyDate>", latin1, StringComparison.Ordinal);
        using var document = PdfDocument.Open(one);
        Assert.Null(document.Information.CreationDate);
        Assert.Null(document.Information.ModifiedDate);
    }

    [Fact]
    public void Line_breaks_and_direction_marks_do_not_break_the_table_and_what_the_font_lacks_prints_as_a_question_mark()
    {
        var text = Text(Pdf(1, "Лиза\r\nдоста\u0301вка \u202Eevil\u202C 中 😀 x"));

        Assert.True(text.Contains("Лиза  доставка evil ? ? x", StringComparison.Ordinal), text);
    }

    [Theory]
    [InlineData(ReportRowKind.Line)] // regular face
    [InlineData(ReportRowKind.Total)] // bold face
    public async Task A_letter_built_from_a_letter_built_from_another_prints_whole(ReportRowKind kind)
    {
        // DejaVu draws "Ё" as "Е" plus a diaeresis, and "Е" as "E": a subset that lacks "E" prints "Ё" as its dots alone.
        var withDiaeresis = await InkAsync(Single(kind, "ЁЁЁЁЁЁЁЁ"));
        var without = await InkAsync(Single(kind, "ЕЕЕЕЕЕЕЕ"));

        Assert.True(withDiaeresis > without, $"Ё has {withDiaeresis} dark pixels, Е {without}: Ё lost its letter");
    }

    private static byte[] Single(ReportRowKind kind, string note)
    {
        using var report = new ReportSet(new ReportHeading("Report", [], "RUB", [new("note", "Note", ReportValue.Text, 20)]), pdfLineLimit: 10);
        report.Row(kind, note);
        return File.ReadAllBytes(report.Complete().Single(f => f.Format == "pdf").Path);
    }

    /// <summary>The dark pixels of page one as poppler's pdftoppm renders it (grey, 300 dpi).</summary>
    private static async Task<int> InkAsync(byte[] pdf)
    {
        var directory = Directory.CreateTempSubdirectory("finance-pdf-");
        try
        {
            var file = Path.Combine(directory.FullName, "report.pdf");
            await File.WriteAllBytesAsync(file, pdf);
            var pdftoppm = new[] { "/usr/bin/pdftoppm", "/usr/local/bin/pdftoppm" }.FirstOrDefault(File.Exists);
            Assert.True(pdftoppm is not null, "pdftoppm is missing: install poppler-utils (apt-get install -y poppler-utils; .ci/run must install it).");
            using var process = Process.Start(new ProcessStartInfo(pdftoppm!, ["-gray", "-r", "300", "-f", "1", "-l", "1", file, Path.Combine(directory.FullName, "page")])
            {
                RedirectStandardError = true,
            })!;
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"pdftoppm failed: {errors}");

            // A binary PGM: "P5", width, height, maximum grey, one whitespace, then one byte per pixel.
            var image = await File.ReadAllBytesAsync(Assert.Single(Directory.GetFiles(directory.FullName, "page*.pgm")));
            var at = 0;
            for (var field = 0; field < 4; field++)
            {
                while (char.IsWhiteSpace((char)image[at]))
                {
                    at++;
                }

                while (!char.IsWhiteSpace((char)image[at]))
                {
                    at++;
                }
            }

            return image.AsSpan(at + 1).ToArray().Count(b => b < 128);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static string TrailerId(byte[] pdf) => TrailerIdPattern().Matches(Encoding.Latin1.GetString(pdf)).Last().Groups[1].Value;

    [GeneratedRegex(@"/ID\s*\[\s*<([0-9A-Fa-f]{32})>")]
    private static partial Regex TrailerIdPattern();
}
