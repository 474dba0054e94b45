using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using MiniExcelLibs;

namespace Portique.IntegrationTests.Infrastructure;

/// <summary>
/// Checks a produced workbook the way a spreadsheet program would: every part validated against the OOXML schemas (the
/// Open XML SDK validator carries the ECMA-376 transitional schemas, worksheet included), then the rows read back.
/// </summary>
public static class Xlsx
{
    /// <summary>The schema errors of every part; empty for a workbook Excel and LibreOffice open without repairing it.</summary>
    public static IReadOnlyList<string> SchemaErrors(byte[] workbook)
    {
        using var stream = new MemoryStream(workbook, writable: false);
        using var document = SpreadsheetDocument.Open(stream, isEditable: false);
        Assert.NotNull(document.WorkbookPart?.Workbook);
        Assert.NotEmpty(document.WorkbookPart!.WorksheetParts);
        return new OpenXmlValidator(FileFormatVersions.Office2007).Validate(document)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
    }

    public static void AssertSchemaValid(byte[] workbook)
    {
        var errors = SchemaErrors(workbook);
        Assert.True(errors.Count == 0, "The workbook breaks the OOXML schema:\n" + string.Join("\n", errors));
    }

    /// <summary>The rows of a sheet, keyed by the header row.</summary>
    public static List<IDictionary<string, object?>> Rows(byte[] workbook, string sheet)
    {
        using var stream = new MemoryStream(workbook, writable: false);
        return stream.Query(useHeaderRow: true, sheetName: sheet).Cast<IDictionary<string, object?>>().ToList();
    }
}
