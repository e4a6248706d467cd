using System.Diagnostics;
using Backoffice.Core.Finance;
using Backoffice.Infra.Finance;
using Backoffice.Testing;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using Xunit;

namespace Backoffice.Finance.Tests.Reports;

[Collection(AzuriteCollection.Name)]
public sealed class ReportFormatTests(AzuriteFixture azurite)
{
    private static readonly SettlementWeek W47 = new(2026, 47);

    private async Task<(FinanceWorld World, FinanceDocument Statement)> StatementAsync(int orders, FinanceOptions? options = null)
    {
        var world = await FinanceWorld.CreateAsync(azurite, new DateTimeOffset(2026, 11, 18, 12, 0, 0, TimeSpan.Zero), options);
        var merchant = await world.MerchantAsync("moda", "Europe/Berlin", tariff: new Core.Merchants.Tariff(150, 250, 100, true));
        for (var i = 0; i < orders; i++)
        {
            await world.CollectAsync(merchant, $"ORD-{i:D4}", 1_990 + (i * 10));
            world.Clock.Advance(TimeSpan.FromMinutes(3));
        }

        await world.AdjustAsync(merchant, "c-1", LedgerEntryKind.Correction, -500, "Müller's note was counterfeit — größer Ärger");
        world.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero));
        var result = await world.Settlements.RunAsync("moda", W47);
        return (world, result.Document!);
    }

    [Fact]
    public async Task The_settlement_pdf_renders_its_first_page_with_pdftoppm()
    {
        var (world, statement) = await StatementAsync(120);
        var directory = Directory.CreateTempSubdirectory("finance-pdf-");
        var pdf = Path.Combine(directory.FullName, "statement.pdf");
        await File.WriteAllBytesAsync(pdf, await world.FileAsync(statement.FilePath("pdf")));

        var pdftoppm = new[] { "/usr/bin/pdftoppm", "/usr/local/bin/pdftoppm" }.FirstOrDefault(File.Exists);
        Assert.True(pdftoppm is not null, "pdftoppm is missing: install poppler-utils (apt-get install -y poppler-utils; .ci/run must install it).");
        var start = new ProcessStartInfo(pdftoppm!, ["-png", "-r", "60", "-f", "1", "-l", "1", pdf, Path.Combine(directory.FullName, "page")]) { RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, $"pdftoppm failed: {errors}");
        var png = Assert.Single(Directory.GetFiles(directory.FullName, "page*.png"));
        Assert.True(new FileInfo(png).Length > 5_000, "page 1 rendered to an almost empty image");
        var artifacts = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(artifacts);
        File.Copy(png, Path.Combine(artifacts, "settlement-page-1.png"), overwrite: true);
        directory.Delete(recursive: true);
    }

    [Fact]
    public async Task The_settlement_pdf_carries_the_heading_lines_corrections_and_totals_as_text()
    {
        var (world, statement) = await StatementAsync(3);
        using var document = PdfDocument.Open(await world.FileAsync(statement.FilePath("pdf")));
        var text = string.Join("\n", document.GetPages().Select(p => p.Text));

        Assert.Contains("Cash settlement 2026-W47", text, StringComparison.Ordinal);
        Assert.Contains("ORD-0002", text, StringComparison.Ordinal);
        Assert.True(text.Contains("Müller's note was counterfeit — g~", StringComparison.Ordinal), text); // printed as written, cut to the column
        Assert.Contains("3 orders", text, StringComparison.Ordinal);
        Assert.Null(document.Information.CreationDate);
    }

    [Fact]
    public async Task A_settlement_for_a_russian_speaking_shop_prints_cyrillic_and_typographic_characters_as_written()
    {
        var world = await FinanceWorld.CreateAsync(azurite, new DateTimeOffset(2026, 11, 18, 12, 0, 0, TimeSpan.Zero));
        var merchant = await world.MerchantAsync("romashka", "Europe/Moscow", "RUB", name: "Магазин «Ромашка» №5 — Müller");
        await world.CollectAsync(merchant, "ORD-1", 150_000);
        await world.Ledger.PostAsync(new LedgerPosting(merchant.MerchantId, "order~ORD-2~Collected", LedgerEntryKind.CashCollected, 99_000, "RUB",
            world.Clock.GetUtcNow(), "ORD-2", "№5-Ёлка", "Пётр Ü", 99_000, merchant.Tariff));
        await world.AdjustAsync(merchant, "c-1", LedgerEntryKind.Correction, -500, "«Ромашка» №5 — доставка");
        world.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero));

        var result = await world.Settlements.RunAsync("romashka", W47);

        using var document = PdfDocument.Open(await world.FileAsync(result.Document!.FilePath("pdf")));
        var page = document.GetPage(1);
        var text = page.Text;
        Assert.True(text.Contains("Cash settlement 2026-W47: Магазин «Ромашка» №5 — Müller", StringComparison.Ordinal), text);
        Assert.Contains("Магазин «Ромашка» №5 — Müller (romashka)", text, StringComparison.Ordinal);
        Assert.Contains("№5-Ёлка", text, StringComparison.Ordinal);
        Assert.Contains("Пётр Ü", text, StringComparison.Ordinal);
        Assert.Contains("«Ромашка» №5 — доставка (by fin-1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("?", text, StringComparison.Ordinal);
        Assert.Equal("Cash settlement 2026-W47: Магазин «Ромашка» №5 — Müller", document.Information.Title);

        // Monospaced with Cyrillic too: every column of the Cyrillic row starts (text) or ends (money) where its title does.
        var lines = page.Letters.GroupBy(l => Math.Round(l.StartBaseLine.Y, 1)).Select(g => g.OrderBy(l => l.StartBaseLine.X).ToArray()).ToArray();
        var titles = lines.Single(l => Line(l).StartsWith("Type", StringComparison.Ordinal));
        var cyrillic = lines.Single(l => Line(l).Contains("№5-Ёлка", StringComparison.Ordinal));
        var ascii = lines.Single(l => Line(l).Contains("ORD-1", StringComparison.Ordinal));
        Assert.Equal(StartOf(titles, "External order"), StartOf(cyrillic, "№5-Ёлка"), 2);
        Assert.Equal(StartOf(titles, "Courier"), StartOf(cyrillic, "Пётр Ü"), 2);
        Assert.Equal(EndOf(titles, "Cash collected"), EndOf(cyrillic, "990.00"), 2);
        Assert.Equal(EndOf(titles, "Cash collected"), EndOf(ascii, "1500.00"), 2);
    }

    private static string Line(Letter[] letters) => string.Concat(letters.Select(l => l.Value));

    private static double StartOf(Letter[] letters, string value) => letters[IndexOf(letters, value)].StartBaseLine.X;

    private static double EndOf(Letter[] letters, string value) => letters[IndexOf(letters, value) + value.Length - 1].EndBaseLine.X;

    private static int IndexOf(Letter[] letters, string value)
    {
        var at = Line(letters).IndexOf(value, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{value}' is not in '{Line(letters)}'");
        return at;
    }

    [Fact]
    public async Task The_invoice_pdf_prints_every_column_title_and_the_netted_label_in_full()
    {
        var world = await FinanceWorld.CreateAsync(azurite, new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        var merchant = await world.MerchantAsync("west", "Europe/Berlin", tariff: new Core.Merchants.Tariff(150, 250, 100, NetFeesFromSettlement: true));
        await world.DeliverAsync(merchant, "ORD-CASH", value: 1_050, cash: 1_050, new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));
        world.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.Zero));

        var result = await world.Invoices.RunAsync("west", new BillingMonth(2026, 11));

        using var document = PdfDocument.Open(await world.FileAsync(result.Document!.FilePath("pdf")));
        var text = string.Join("\n", document.GetPages().Select(p => p.Text));
        Assert.All(MonthlyInvoiceRun.Columns, c => Assert.Contains(c.Title, text, StringComparison.Ordinal));
        Assert.Contains("kept from settlements", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_invoice_pdf_of_a_russian_speaking_shop_prints_its_name_and_external_order_ids_as_written()
    {
        var world = await FinanceWorld.CreateAsync(azurite, new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        var merchant = await world.MerchantAsync("lavka", "Europe/Moscow", "RUB", new Core.Merchants.Tariff(150, 250, 100, false), "Лавка «Ёж» №2 — Grüße");
        world.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));
        await world.Delivered.RecordAsync(new DeliveredOrder("lavka", "ORD-7", "Заказ «№7»", world.Clock.GetUtcNow(), false, 1_050, 0, "RUB", merchant.Tariff));
        world.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.Zero));

        var result = await world.Invoices.RunAsync("lavka", new BillingMonth(2026, 11));

        using var document = PdfDocument.Open(await world.FileAsync(result.Document!.FilePath("pdf")));
        var text = string.Join("\n", document.GetPages().Select(p => p.Text));
        Assert.True(text.Contains("Fee invoice 2026-11: Лавка «Ёж» №2 — Grüße", StringComparison.Ordinal), text);
        Assert.Contains("ORD-7", text, StringComparison.Ordinal);
        Assert.Contains("Заказ «№7»", text, StringComparison.Ordinal);
        Assert.DoesNotContain("?", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pdf_shows_order_lines_up_to_its_limit_and_says_where_the_rest_are()
    {
        var (world, statement) = await StatementAsync(8, new FinanceOptions { PdfLineLimit = 5 });
        using var document = PdfDocument.Open(await world.FileAsync(statement.FilePath("pdf")));
        var text = string.Join("\n", document.GetPages().Select(p => p.Text));

        Assert.Contains("ORD-0004", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ORD-0005", text, StringComparison.Ordinal);
        Assert.Contains("3 more order lines", text, StringComparison.Ordinal);
        Assert.Contains("8 orders", text, StringComparison.Ordinal);
        Assert.Equal(8, (await world.CsvRowsAsync(statement.FilePath("csv"))).Count(r => r[0] == "order"));
    }

    [Fact]
    public async Task The_settlement_xlsx_passes_the_open_xml_validator_and_carries_numbers_as_numbers()
    {
        var (world, statement) = await StatementAsync(40);
        using var stream = new MemoryStream(await world.FileAsync(statement.FilePath("xlsx")));
        using var workbook = SpreadsheetDocument.Open(stream, false);

        var errors = new OpenXmlValidator().Validate(workbook).Select(e => $"{e.Path?.XPath}: {e.Description}").ToArray();

        Assert.Empty(errors);
        var sheet = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var numbers = sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().Where(c => c.DataType is null && c.CellValue is not null).ToArray();
        Assert.Contains(numbers, c => c.CellValue!.Text == "19.9");
        Assert.Equal(40, sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.InlineString>().Count(s => s.InnerText == "order"));
        using var part = workbook.WorkbookPart.WorksheetParts.Single().GetStream();
        Assert.Equal((int)'<', part.ReadByte()); // streamed in outside the SDK, but written like its parts: no BOM
    }

    [Fact]
    public async Task The_csv_lines_add_up_to_its_total_row()
    {
        var (world, statement) = await StatementAsync(17);
        var rows = await world.CsvRowsAsync(statement.FilePath("csv"));
        var culture = System.Globalization.CultureInfo.InvariantCulture;

        var orders = rows.Where(r => r[0] == "order").ToArray();
        var total = rows.Single(r => r[0] == "total");
        Assert.Equal(orders.Sum(r => decimal.Parse(r[5], culture)), decimal.Parse(total[5], culture));
        Assert.Equal(orders.Sum(r => decimal.Parse(r[8], culture)) - 5.00m, decimal.Parse(total[8], culture));
        Assert.Equal(statement.Totals<SettlementTotals>().NetToTransfer / 100m, decimal.Parse(total[8], culture));
    }
}
