using CivilAffairs.Web.Kernel.Excel;

namespace CivilAffairs.Web.Kernel.Auditing;

public static class AuditExport
{
    private static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static string LocalTime(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, China).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    public static byte[] Write(IEnumerable<AuditLine> rows) => ExcelFile.Write(rows,
        ("编号", a => a.Id), ("时间（北京时间）", a => LocalTime(a.At)), ("用户", a => a.UserName), ("区划", a => a.DivisionCode),
        ("操作", a => SearchAudit.ActionName(a.Action)), ("对象类型", a => a.EntityType), ("对象编号", a => a.EntityId),
        ("居民编号", a => a.PersonId), ("变更（原值 → 新值）", a => a.Changes), ("说明", a => a.Description));
}
