#!/usr/bin/env bash
# Makes the small media files the Epicollect5 fixtures copy from (scripts/epicollect-media/):
# synthetic JPEG photos with 100x100 thumbnails (the size Epicollect5's entry_thumb renders), a project
# logo in its 512x512 and 128x128 forms, the two placeholder JPEGs, two AAC audio clips and one H.264
# video, all in MP4 containers as the Epicollect5 apps upload them. Needs ImageMagick and ffmpeg
# (Debian: apt-get install imagemagick ffmpeg). The outputs are committed; run this only to change them.
set -euo pipefail
out="$(dirname "$0")/epicollect-media"
mkdir -p "$out"
# jpeg OUT ARGS...: ARGS describe the picture; quality and metadata settings are shared.
jpeg() { convert "${@:2}" -strip -interlace none -define jpeg:dct-method=integer "$1"; }

colours=(forestgreen-skyblue olivedrab-lightsteelblue seagreen-wheat darkolivegreen-lightblue
  teal-khaki sienna-palegreen)
for i in 1 2 3 4 5 6; do
  jpeg "$out/photo-$i.jpg" -seed "$i" -size 320x240 "plasma:${colours[$((i - 1))]}" -blur 0x1 \
    -quality 55
  jpeg "$out/photo-$i-thumb.jpg" "$out/photo-$i.jpg" -resize '100x100^' -gravity center \
    -extent 100x100 -quality 70
done

jpeg "$out/logo-512.jpg" -size 512x512 xc:'#2f6f4f' -fill '#f1f3f5' -font DejaVu-Sans-Bold \
  -pointsize 120 -gravity center -annotate 0 'EC5' -quality 55
jpeg "$out/logo-128.jpg" "$out/logo-512.jpg" -resize 128x128 -quality 70
jpeg "$out/placeholder-unsynced-512.jpg" -size 512x512 xc:'#e9ecef' -fill '#868e96' \
  -font DejaVu-Sans -pointsize 34 -gravity center -annotate 0 'Photo not synced yet' -quality 40
jpeg "$out/placeholder-256.jpg" -size 256x256 xc:'#dee2e6' -fill '#868e96' -font DejaVu-Sans \
  -pointsize 22 -gravity center -annotate 0 'No image' -quality 40

exact=(-fflags +bitexact -flags:a +bitexact -flags:v +bitexact -map_metadata -1)
ffmpeg -loglevel error -y -f lavfi -i 'sine=frequency=660:duration=1.5:sample_rate=16000' \
  -c:a aac -b:a 16k -ac 1 "${exact[@]}" "$out/audio-1.mp4"
ffmpeg -loglevel error -y -f lavfi -i 'sine=frequency=990:duration=1.2:sample_rate=16000' \
  -c:a aac -b:a 16k -ac 1 "${exact[@]}" "$out/audio-2.mp4"
ffmpeg -loglevel error -y -f lavfi -i 'testsrc2=size=160x120:rate=10:duration=1' \
  -c:v libx264 -pix_fmt yuv420p -crf 38 -an "${exact[@]}" "$out/video-1.mp4"
ls -l "$out"
