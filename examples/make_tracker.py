#!/usr/bin/env python3
"""Writes itu-transformation.xlsx: the seed roadmap of itu-transformation.json
laid out as a programme office keeps it — a title block, then one row per
initiative with its parent, pillar, priority area, status and deliverables
by checkpoint — so the README's first command reads a real workbook.

    python3 -m pip install xlsxwriter
    python3 examples/make_tracker.py
"""

import datetime as dt
import json
import os

import xlsxwriter

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    rm = json.load(open(os.path.join(HERE, "itu-transformation.json"), encoding="utf-8"))
    pillar = {p["id"]: p["name"] for p in rm["pillars"]}
    area = {a["id"]: a["name"] for a in rm["priority_areas"]}
    header = [
        "ID",
        "Initiative",
        "Parent",
        "Pillar",
        "Priority area",
        "Owner",
        "Status",
        "Due date",
        "Deliverables by C26",
        "Deliverables by PP-26",
        "Revised reason",
        "Description",
    ]
    wb = xlsxwriter.Workbook(os.path.join(HERE, "itu-transformation.xlsx"))
    bold = wb.add_format({"bold": True})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    date = wb.add_format({"num_format": "yyyy-mm-dd", "valign": "top"})
    ws = wb.add_worksheet("Dashboard")
    ws.write(0, 0, rm["title"], wb.add_format({"bold": True, "font_size": 14}))
    ws.write(1, 0, rm["organization"])
    ws.write(
        2,
        0,
        "Completed: planned deliverables achieved; Ongoing: started and in progress; "
        "Planned: not yet started; Revised: changed scope, or combined with others",
    )
    for c, h in enumerate(header):
        ws.write(4, c, h, bold)
    for r, ini in enumerate(rm["initiatives"], start=5):
        deliverables = {d["checkpoint"]: d["description"] for d in ini.get("deliverables", [])}
        revision = ini.get("revision")
        revised = ""
        if revision:
            revised = "; ".join(
                x
                for x in [
                    revision.get("reason", "").capitalize(),
                    "scope changed" if revision.get("change") == "scope_changed" else "",
                    revision.get("note", ""),
                ]
                if x
            )
        row = [
            ini["id"],
            ini["title"],
            ini.get("parent", ""),
            pillar.get(ini.get("pillar"), ""),
            area.get(ini.get("priority_area"), ""),
            ini.get("owner", ""),
            ini["status"].capitalize(),
            None,
            deliverables.get("C26", ""),
            deliverables.get("PP-26", ""),
            revised,
            ini.get("description", ""),
        ]
        for c, v in enumerate(row):
            if v:
                ws.write(r, c, v, wrap)
        if ini.get("due"):
            ws.write_datetime(r, 7, dt.datetime.fromisoformat(ini["due"]), date)
    ws.freeze_panes(5, 2)
    ws.autofilter(4, 0, 4 + len(rm["initiatives"]), len(header) - 1)
    ws.set_column(0, 0, 36)
    ws.set_column(1, 1, 50)
    ws.set_column(2, 11, 24)
    wb.close()


if __name__ == "__main__":
    main()
