//! The toolbar icons, drawn at build time so that no binary file lives in the repository: a
//! blue rounded square with a white key (the token) in it.

use crate::Result;
use std::fs;
use std::path::Path;

const SIZES: &[u32] = &[16, 32, 48, 128];

/// RGBA pixel at (x, y) of an icon of side `n`, in a unit coordinate space.
fn pixel(x: u32, y: u32, n: u32) -> [u8; 4] {
    let (u, v) = ((x as f32 + 0.5) / n as f32, (y as f32 + 0.5) / n as f32);
    let corner = 0.2;
    let (du, dv) = (
        (corner - u).max(u - (1.0 - corner)).max(0.0),
        (corner - v).max(v - (1.0 - corner)).max(0.0),
    );
    if du * du + dv * dv > corner * corner {
        return [0, 0, 0, 0];
    }
    // The key: a ring at the left, a shaft to the right, one tooth down.
    let (cx, cy) = (0.34, 0.5);
    let r = ((u - cx).powi(2) + (v - cy).powi(2)).sqrt();
    let ring = (0.09..=0.19).contains(&r);
    let shaft = (0.5..=0.84).contains(&u) && (0.45..=0.55).contains(&v);
    let tooth = (0.7..=0.78).contains(&u) && (0.55..=0.68).contains(&v);
    if ring || shaft || tooth {
        [255, 255, 255, 255]
    } else {
        [15, 108, 189, 255]
    }
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let mut crc = flate2::Crc::new();
    crc.update(kind);
    crc.update(data);
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    out.extend_from_slice(&crc.sum().to_be_bytes());
}

fn png(n: u32) -> Vec<u8> {
    let mut raw = Vec::with_capacity((n * (n * 4 + 1)) as usize);
    for y in 0..n {
        raw.push(0); // filter: none
        for x in 0..n {
            raw.extend_from_slice(&pixel(x, y, n));
        }
    }
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&n.to_be_bytes());
    ihdr.extend_from_slice(&n.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]); // 8-bit RGBA
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    std::io::Write::write_all(&mut z, &raw).expect("writing to memory");
    let idat = z.finish().expect("writing to memory");
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &idat);
    chunk(&mut out, b"IEND", &[]);
    out
}

pub fn write_all(dir: &Path) -> Result {
    fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    for &n in SIZES {
        fs::write(dir.join(format!("icon{n}.png")), png(n)).map_err(|e| e.to_string())?;
    }
    Ok(())
}
