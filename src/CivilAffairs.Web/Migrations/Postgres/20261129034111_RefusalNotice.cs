using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivilAffairs.Web.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RefusalNotice : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "RefusalNoticeDue",
                table: "sa_applications",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "RefusalNotifiedOn",
                table: "sa_applications",
                type: "date",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RefusalNoticeDue",
                table: "sa_applications");

            migrationBuilder.DropColumn(
                name: "RefusalNotifiedOn",
                table: "sa_applications");
        }
    }
}
