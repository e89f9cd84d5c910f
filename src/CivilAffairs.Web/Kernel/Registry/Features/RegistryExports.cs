using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Excel;
using CivilAffairs.Web.Kernel.Jobs;

namespace CivilAffairs.Web.Kernel.Registry.Features;

/// <summary>Excel exports of registry lists (always masked) and the upload step of the import.</summary>
public static class RegistryExports
{
    public const long MaxUploadBytes = 20 * 1024 * 1024;

    public static byte[] Persons(IEnumerable<PersonSummary> rows) => ExcelFile.Write(rows,
        ("居民编号", p => p.Id), ("姓名", p => p.Name), ("身份证号码", p => p.IdNumberMasked), ("性别", p => p.Gender),
        ("出生日期", p => p.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), ("年龄", p => p.Age),
        ("联系电话", p => p.PhoneMasked), ("社区", p => p.DivisionName), ("社区代码", p => p.DivisionCode), ("状态", p => p.Status),
        ("户编号", p => p.HouseholdId), ("与户主关系", p => p.RelationshipToHead));

    public static byte[] Households(IEnumerable<HouseholdSummary> rows) => ExcelFile.Write(rows,
        ("户编号", h => h.Id), ("户主", h => h.HeadName), ("户主身份证号码", h => h.HeadIdNumberMasked), ("人数", h => h.MemberCount),
        ("社区", h => h.DivisionName), ("社区代码", h => h.DivisionCode), ("家庭住址", h => h.Address));

    public static async Task<BackgroundJob> EnqueueImportAsync(JobQueue jobs, IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["file"] = ["请选择要上传的 Excel 文件"] });
        if (file.Length > MaxUploadBytes)
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["file"] = ["文件不能超过 20 MB"] });
        if (!file.FileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["file"] = ["只接受 .xlsx 格式的 Excel 文件，请使用下载的模板"] });
        using var ms = new MemoryStream();
        await file.CopyToAsync(ms, ct);
        var name = Path.GetFileName(file.FileName);
        if (name.Length > 150) name = name[..150];
        return await jobs.EnqueueAsync(ImportRegistry.JobKind, "导入居民与家庭：" + name,
            new JobFile { FileName = name, ContentType = ExcelFile.ContentType, Content = ms.ToArray() }, ct);
    }
}
