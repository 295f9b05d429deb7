"""Draw the program's icon (resources/icons/clinicdesk.png and .ico) with Pillow.

    python3 packaging/make_icon.py

A white cross beside three rising bars (the tiers) on teal; done once, committed.
"""

from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[1]
TEAL, LIGHT = (22, 160, 133, 255), (209, 242, 235, 255)


def main() -> None:
    size, bar = 256, 44
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle([8, 8, size - 8, size - 8], radius=48, fill=TEAL)
    draw.rectangle([66, 56, 66 + bar, 200], fill="white")
    draw.rectangle([16, 128 - bar // 2, 160, 128 + bar // 2], fill="white")
    for index, height in enumerate((40, 70, 100)):
        x = 150 + index * 28
        draw.rectangle([x, 210 - height, x + 20, 210], fill=LIGHT)
    folder = ROOT / "resources" / "icons"
    folder.mkdir(parents=True, exist_ok=True)
    image.save(folder / "clinicdesk.png")
    sizes = [(16, 16), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]
    image.save(folder / "clinicdesk.ico", sizes=sizes)


if __name__ == "__main__":
    main()
