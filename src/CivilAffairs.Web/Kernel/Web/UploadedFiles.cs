namespace CivilAffairs.Web.Kernel.Web;

/// <summary>Scanned documents people upload: PDF, JPG or PNG, recognised by the file's own signature (not its name or declared type).</summary>
public static class UploadedFiles
{
    public const long MaxDocumentBytes = 10 * 1024 * 1024;

    /// <summary>The content type the bytes really are (PDF, PNG or JPEG), or null.</summary>
    public static string? Sniff(ReadOnlySpan<byte> content) =>
        content.StartsWith("%PDF"u8) ? "application/pdf"
        : content.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47 }) ? "image/png"
        : content.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }) ? "image/jpeg" : null;
}
